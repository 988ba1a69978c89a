package report

import (
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
	line := fmt.Sprintf("canonize: %d site(s) rewritten in %d file(s); reported: %d review, %d manual, %d generated",
		rewritten, files, kinds[engine.KindReview], kinds[engine.KindManual], kinds[engine.KindGenerated])
	if n := kinds[engine.KindOutside]; n > 0 {
		line += fmt.Sprintf("; %d outside the package patterns", n)
	}
	return line
}

// WriteCheckJSON prints compliance and every deprecated site as JSON.
func WriteCheckJSON(w io.Writer, p *plan.Plan) error {
	var left []engine.Site
	for _, s := range p.Sites {
		if s.Role == engine.RoleDeprecated {
			left = append(left, s)
		}
	}
	return writeJSON(w, struct {
		Compliance plan.Compliance `json:"compliance"`
		Sites      []engine.Site   `json:"sites"`
	}{p.Compliance, left})
}

// WriteVerifyPlan says, before anything runs, which commands a phase's
// verification will run and where they come from: the spec's verify:
// commands are code from the repository. cmds run with sh -c; direct
// (the go test runs of --verify-affected) without a shell; gate, when
// not empty, describes the performance gate's benchmarks.
func WriteVerifyPlan(w io.Writer, specPath string, cmds, direct []string, gate string, skippedSpec bool) {
	if skippedSpec {
		fmt.Fprintf(w, "canonize: --no-spec-verify: the verify: commands of %s are not run\n", specPath)
	}
	if gate != "" {
		fmt.Fprintf(w, "canonize: %s\n", gate)
	}
	if len(cmds)+len(direct) == 0 && gate == "" {
		fmt.Fprintln(w, "canonize: no verification commands: give --verify CMD to check the phase")
		return
	}
	if len(cmds) > 0 {
		fmt.Fprintf(w, "canonize: after writing, verification runs (sh -c, in the module root):\n")
		for _, c := range cmds {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
	if len(direct) > 0 {
		fmt.Fprintf(w, "canonize: after writing, verification runs the go command (no shell, in the module root):\n")
		for _, c := range direct {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
}
