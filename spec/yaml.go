package spec

import (
	"fmt"
	"go/token"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)`)

// yamlError turns the YAML library's "line N: msg" into FILE:N:1: msg.
func yamlError(path string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		msg := firstLine(m[2])
		if strings.Contains(msg, "mapping values are not allowed") && strings.Count(lineOf(data, line), ": ") > 1 {
			// The usual cause: a template holding ": " (a format string).
			msg += `: a value holding ": " must be quoted, e.g. match: 'fmt.Sprintf("a: %s", $s)'`
		}
		return &Error{token.Position{Filename: path, Line: line, Column: 1}, msg}
	}
	return &Error{token.Position{Filename: path, Line: 1, Column: 1}, strings.TrimPrefix(firstLine(msg), "yaml: ")}
}

var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type spec\.raw(\w+)`)

// unknownKey turns the YAML library's "field X not found in type T" into
// a positioned error naming the key and the keys allowed there.
func unknownKey(path string, doc *yaml.Node, err error) error {
	m := unknownField.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	var line int
	fmt.Sscanf(m[1], "%d", &line)
	pos := token.Position{Filename: path, Line: line, Column: 1}
	var find func(n *yaml.Node)
	find = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Value == m[2] && k.Line == line {
					pos.Column = k.Column
				}
			}
		}
		for _, c := range n.Content {
			find(c)
		}
	}
	find(doc)
	known := "version, name, imports, rules, deprecated, canonical, critical, verify, verify_affected, bench, phases, inline, owners, templates"
	switch m[3] {
	case "Rule":
		known = "id, match, replace, risk, note, where, retype, move, to"
	case "Bench":
		known = "pattern, packages, count, benchtime, fail, warn"
	}
	return &Error{pos, fmt.Sprintf("unknown key %q (known keys: %s)", m[2], known)}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// mapping returns the value nodes of a YAML mapping by key.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

func keyPos(file string, nodes map[string]*yaml.Node, key string, def token.Position) token.Position {
	if n, ok := nodes[key]; ok {
		return token.Position{Filename: file, Line: n.Line, Column: n.Column}
	}
	return def
}

// the spec file, for plain, quoted (counting escapes) and block scalars.
func scalarLocator(file string, data []byte, n *yaml.Node) func(int) token.Position {
	if n == nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	if n.Line < 1 || n.Line > len(lines) {
		return nil
	}
	at := func(line, col int) token.Position { return token.Position{Filename: file, Line: line, Column: col} }
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The text starts on the line after the indicator; each text line
		// is one source line at the block's indentation.
		if n.Line >= len(lines) {
			return nil
		}
		indent := len(lines[n.Line]) - len(strings.TrimLeft(lines[n.Line], " "))
		text := n.Value
		return func(off int) token.Position {
			line, col := n.Line+1, indent+1
			for _, c := range text[:min(off, len(text))] {
				if c == '\n' {
					line, col = line+1, indent+1
					continue
				}
				col++
			}
			return at(line, col)
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		raw := lines[n.Line-1]
		return func(off int) token.Position {
			i := n.Column // index just past the opening quote
			for d := 0; d < off && i < len(raw); d++ {
				if raw[i] != '\\' || i+1 >= len(raw) {
					i++
					continue
				}
				switch raw[i+1] {
				case 'x':
					i += 4
				case 'u':
					i += 6
				case 'U':
					i += 10
				default:
					i += 2
				}
			}
			return at(n.Line, i+1)
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		raw := lines[n.Line-1]
		return func(off int) token.Position {
			i := n.Column
			for d := 0; d < off && i < len(raw); d++ {
				if raw[i] == '\'' && i+1 < len(raw) && raw[i+1] == '\'' {
					i++
				}
				i++
			}
			return at(n.Line, i+1)
		}
	}
	return nil
}

// scalarPos is the position of the first character of a scalar's text,
// past the opening quote of a quoted scalar.
func scalarPos(file string, n *yaml.Node) token.Position {
	if n == nil {
		return token.Position{Filename: file, Line: 1, Column: 1}
	}
	col := n.Column
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		col++
	}
	return token.Position{Filename: file, Line: n.Line, Column: col}
}

// lineOf returns line n (1-based) of data, or "".
func lineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}
