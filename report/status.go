package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/plan"
)

// WriteStatus prints the journal's state with compliance now and what
// the plan's next step (next, nil when none is left) would reach.
func WriteStatus(w io.Writer, st *apply.State, p *plan.Plan, next *plan.Phase) error {
	pw := &errWriter{w: w}
	c := p.Compliance
	pw.printf("compliance now: %.1f%% (%d canonical, %d deprecated sites)", c.Percent, c.Canonical, c.Deprecated)
	if next != nil {
		pw.printf("; the plan's next step, phase %d (%s), reaches %.1f%%", next.Number, next.Name, next.ComplianceAfter)
	} else if c.Deprecated > 0 {
		pw.printf("; the plan has nothing left to apply automatically")
	}
	pw.printf("\n")
	for _, ph := range st.Phases {
		pw.printf("phase %d %-10s %-12s", ph.Number, printable(ph.Name), ph.State)
		if ph.Files > 0 {
			pw.printf(" %d file%s", ph.Files, plural(ph.Files))
		}
		if ph.Note != "" {
			pw.printf(" (%s)", printable(ph.Note))
		}
		if len(ph.Shares) > 0 {
			pw.printf(" [applied for %s]", printable(strings.Join(ph.Shares, ", ")))
		}
		pw.printf("\n")
		writeResults(pw, ph.Verified)
	}
	counts := map[apply.Condition]int{}
	for _, f := range st.Files {
		counts[f.State]++
		if f.State != apply.Applied && f.State != apply.RolledBack {
			pw.printf("  %s: %s (phase %d)\n", printable(f.Path), printable(string(f.State)), f.Phase)
		}
	}
	if len(st.Files) > 0 {
		pw.printf("files: %d applied, %d rolled back, %d modified since, %d missing, %d pending\n",
			counts[apply.Applied], counts[apply.RolledBack], counts[apply.Modified], counts[apply.Missing], counts[apply.Pending])
	}
	if st.Lock != "" {
		pw.printf("lock: %s\n", printable(st.Lock))
	}
	return pw.err
}

// WriteStatusJSON prints the journal's state and compliance now as JSON.
func WriteStatusJSON(w io.Writer, st *apply.State, p *plan.Plan) error {
	return writeJSON(w, struct {
		*apply.State
		Compliance plan.Compliance `json:"compliance"`
	}{st, p.Compliance})
}

// printable escapes control characters: text from the journal or the
// lock file reaches a terminal, which must not run escape sequences
// someone wrote there.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
