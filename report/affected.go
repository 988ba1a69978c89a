package report

import (
	"io"

	"github.com/canonize/canonize/affected"
)

// WriteAffected says which packages apply --verify-affected checks: how
// many of how many, per build configuration, and with why each
// package is in.
func WriteAffected(w io.Writer, sel *affected.Selection, why bool) error {
	pw := &errWriter{w: w}
	pw.printf("canonize: affected tests: %d of %d package%s (the phase changes %d file%s)\n",
		sel.Selected(), sel.Total, plural(sel.Total), len(sel.Files), plural(len(sel.Files)))
	for _, c := range sel.Configs {
		how := "tests run"
		if !c.Execute {
			how = "tests compiled and linked, not run (another platform)"
		}
		pw.printf("  %s: %d of %d package%s, %s\n", c.Config, len(c.Packages), c.Total, plural(c.Total), how)
		if !why {
			continue
		}
		for _, p := range c.Packages {
			pw.printf("    %s: %s\n", p.ImportPath, p.Why)
		}
	}
	if !why && sel.Selected() > 0 {
		pw.printf("  (-v says why each package is in)\n")
	}
	return pw.err
}
