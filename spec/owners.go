package spec

import (
	"fmt"
	"go/token"

	"go.yaml.in/yaml/v3"

	"github.com/canonize/canonize/owners"
)

// Owner is one entry of the spec's owners: list, for a team without a
// CODEOWNERS file: a CODEOWNERS pattern and who reviews what it
// matches. The last matching entry wins, as in CODEOWNERS.
type Owner struct {
	Pattern string
	Owners  []string
	Pos     token.Position
}

type rawOwner struct {
	Pattern string   `yaml:"pattern"`
	Owners  []string `yaml:"owners"`
}

// readOwners reads the owners: list; package owners, which knows
// CODEOWNERS, checks each entry's syntax.
func readOwners(file string, raw []rawOwner, n *yaml.Node) ([]Owner, error) {
	var out []Owner
	for i, r := range raw {
		pos := token.Position{Filename: file, Line: n.Content[i].Line, Column: n.Content[i].Column}
		if r.Pattern == "" {
			return nil, &Error{pos, "owners: entry has no pattern"}
		}
		if len(r.Owners) == 0 {
			return nil, &Error{pos, fmt.Sprintf("owners: pattern %q names no owner (write owners: [\"@org/team\"])", r.Pattern)}
		}
		if err := owners.Check(r.Pattern, r.Owners); err != nil {
			return nil, &Error{pos, fmt.Sprintf("owners: %s: %v", r.Pattern, err)}
		}
		out = append(out, Owner{Pattern: r.Pattern, Owners: r.Owners, Pos: pos})
	}
	return out, nil
}
