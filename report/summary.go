package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
)

// Summary is the one-line account of a diff for stderr: the sites
// rewritten in how many files, and the deprecated sites left by kind.
func Summary(sites []engine.Site, files, rewritten int) string {
	kinds := map[engine.Kind]int{}
	for _, s := range sites {
		if s.Role == engine.RoleDeprecated {
			kinds[s.Kind]++
		}
	}
	return fmt.Sprintf("canonize: %d site(s) rewritten in %d file(s); reported: %d review, %d manual, %d generated",
		rewritten, files, kinds[engine.KindReview], kinds[engine.KindManual], kinds[engine.KindGenerated])
}

// WriteCheckJSON prints compliance and every deprecated site as JSON.
func WriteCheckJSON(w io.Writer, p *plan.Plan) error {
	var left []engine.Site
	for _, s := range p.Sites {
		if s.Role == engine.RoleDeprecated {
			left = append(left, s)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Compliance plan.Compliance `json:"compliance"`
		Sites      []engine.Site   `json:"sites"`
	}{p.Compliance, left})
}
