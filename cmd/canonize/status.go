package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/plan"
)

// writeStatus renders the journal's state with compliance now.
func writeStatus(w io.Writer, st *apply.State, p *plan.Plan, asJSON bool) error {
	c := p.Compliance
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			*apply.State
			Compliance plan.Compliance `json:"compliance"`
		}{st, c})
	}
	fmt.Fprintf(w, "compliance now: %.1f%% (%d canonical, %d deprecated sites)", c.Percent, c.Canonical, c.Deprecated)
	if next := nextPhase(p); next != nil {
		fmt.Fprintf(w, "; the plan's next step, phase %d (%s), reaches %.1f%%", next.Number, next.Name, next.ComplianceAfter)
	} else if c.Deprecated > 0 {
		fmt.Fprintf(w, "; the plan has nothing left to apply automatically")
	}
	fmt.Fprintln(w)
	for _, ph := range st.Phases {
		fmt.Fprintf(w, "phase %d %-10s %-12s", ph.Number, ph.Name, ph.State)
		if ph.Files > 0 {
			fmt.Fprintf(w, " %d file%s", ph.Files, map[bool]string{true: "", false: "s"}[ph.Files == 1])
		}
		if ph.Note != "" {
			fmt.Fprintf(w, " (%s)", ph.Note)
		}
		fmt.Fprintln(w)
	}
	counts := map[string]int{}
	for _, f := range st.Files {
		counts[f.State]++
		if f.State != apply.Applied && f.State != apply.RolledBack {
			fmt.Fprintf(w, "  %s: %s (phase %d)\n", f.Path, f.State, f.Phase)
		}
	}
	if len(st.Files) > 0 {
		fmt.Fprintf(w, "files: %d applied, %d rolled back, %d modified since, %d missing, %d pending\n",
			counts[apply.Applied], counts[apply.RolledBack], counts[apply.Modified], counts[apply.Missing], counts[apply.Pending])
	}
	if st.Lock != "" {
		fmt.Fprintf(w, "lock: %s\n", st.Lock)
	}
	return nil
}

// nextPhase is the first phase of the plan (computed from the tree as it
// is now) that still has files to change and is not blocked.
func nextPhase(p *plan.Plan) *plan.Phase {
	for _, ph := range p.Phases {
		if ph.Blocked {
			continue
		}
		for _, f := range ph.Files {
			if string(f.Before) != string(f.After) {
				return ph
			}
		}
	}
	return nil
}
