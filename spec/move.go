package spec

import (
	"fmt"
	"go/token"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Move is a package move: every use of a symbol of package From that
// package To declares with an identical type is rewritten to To's, and
// an import of From left unused goes; uses To lacks are reported.
//
//   - id: x-net-context
//     move: golang.org/x/net/context
//     to: context
type Move struct {
	ID       string
	From, To string // import paths
	Risk     Risk
	Note     string
	Pos      token.Position
}

func buildMove(file string, rr rawRule, rn *yaml.Node, fields map[string]*yaml.Node) (*Move, error) {
	pos := token.Position{Filename: file, Line: rn.Line, Column: rn.Column}
	m := &Move{ID: rr.ID, From: strings.TrimSpace(rr.Move), To: strings.TrimSpace(rr.To), Risk: Risk(rr.Risk), Note: rr.Note, Pos: pos}
	switch {
	case m.ID == "":
		return nil, &Error{pos, "rule has no id"}
	case m.From == "" || m.To == "":
		return nil, &Error{pos, fmt.Sprintf("rule %s: a package move needs both move: (the old import path) and to: (the new one)", m.ID)}
	case rr.Match != "" || rr.Replace != "" || len(rr.Where) > 0 || rr.Retype != "":
		return nil, &Error{pos, fmt.Sprintf("rule %s: a package move (move:, to:) takes no match, replace, where or retype", m.ID)}
	case m.From == m.To:
		return nil, &Error{keyPos(file, fields, "to", pos), fmt.Sprintf("rule %s: moves %s to itself", m.ID, m.From)}
	}
	switch m.Risk {
	case RiskNone, RiskLow, RiskMedium, RiskHigh:
	default:
		return nil, &Error{keyPos(file, fields, "risk", pos), fmt.Sprintf("rule %s: risk %q is not low, medium or high", m.ID, m.Risk)}
	}
	return m, nil
}

// SymbolRule is the rule a move gives one symbol: from.Name -> to.Name,
// at the move's position.
func (m *Move) SymbolRule(name string) (*Rule, error) {
	imports := map[string]string{"from": m.From, "to": m.To}
	// Retype any: the engine compares the two symbols itself when it
	// expands the move (identical types, also across two loads of a
	// package, where types.Identical says no).
	r := &Rule{ID: m.ID, Risk: m.Risk, Note: m.Note, Pos: m.Pos, Retype: RetypeAny}
	var err error
	if r.Match, err = parseTemplate("from."+name, m.Pos, nil, imports, false); err != nil {
		return nil, err
	}
	if r.Replace, err = parseTemplate("to."+name, m.Pos, nil, imports, false); err != nil {
		return nil, err
	}
	return r, nil
}
