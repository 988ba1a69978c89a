package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/plan"
)

// rareShape is how many sites a shape may have and still be listed with
// its places in the plan: the outliers a reviewer reads in full.
const rareShape = 2

// shapeLine renders a shape for text: "85 × before → after [rule]".
func shapeLine(sh plan.Shape) string {
	rule := "go:fix inline"
	if sh.Rule != "" {
		rule = "rule " + sh.Rule
	}
	return fmt.Sprintf("%d × %s → %s  [%s]", len(sh.Sites), sh.Before, sh.After, rule)
}

// writeShapesText prints a phase's shapes under its line in plan.
func writeShapesText(pw *errWriter, ph *plan.Phase) {
	for _, sh := range ph.Shapes {
		pw.printf("    %s", shapeLine(sh))
		if len(sh.Sites) <= rareShape && len(ph.Shapes) > 1 {
			pw.printf(" at %s", strings.Join(sh.Sites, ", "))
		}
		pw.printf("\n")
	}
}

// writeShapesMarkdown prints a phase's edits grouped by shape.
func writeShapesMarkdown(pw *errWriter, ph *plan.Phase) {
	if len(ph.Shapes) == 0 {
		return
	}
	pw.printf("Edits by shape (read each once; the rare ones are listed with their places; `canonize diff --by-shape --phase %d` shows one example of each):\n\n", ph.Number)
	pw.printf("| sites | before | after | rule | places |\n|---|---|---|---|---|\n")
	for _, sh := range ph.Shapes {
		places := ""
		if len(sh.Sites) <= rareShape && len(ph.Shapes) > 1 {
			places = "`" + strings.Join(sh.Sites, "`, `") + "`"
		}
		rule := "go:fix inline"
		if sh.Rule != "" {
			rule = "`" + mdCode(sh.Rule) + "`"
		}
		pw.printf("| %d | `%s` | `%s` | %s | %s |\n", len(sh.Sites), mdCode(sh.Before), mdCode(sh.After), rule, places)
	}
	pw.printf("\n")
}

// WriteByShape prints, for each shape of the phases given (ph, or 1-3
// when ph is 0), one example — the hunk of the diff that holds its
// first site — and the list of every place of the shape.
func WriteByShape(w io.Writer, p *plan.Plan, o apply.Order, ph int) error {
	pw := &errWriter{w: w}
	for _, phase := range p.Phases {
		if (ph == 0 && phase.Number == len(p.Phases)) || (ph != 0 && phase.Number != ph) {
			continue
		}
		for i, sh := range phase.Shapes {
			pw.printf("# phase %d (%s), shape %d of %d: %s\n", phase.Number, phase.Name, i+1, len(phase.Shapes), shapeLine(sh))
			pw.printf("# example: %s\n", sh.Sites[0])
			pw.w.Write(exampleHunk(o.Phase(phase.Number), sh.Sites[0]))
			pw.printf("# %d place%s:\n", len(sh.Sites), plural(len(sh.Sites)))
			for _, s := range sh.Sites {
				pw.printf("#   %s\n", s)
			}
			pw.printf("\n")
		}
	}
	return pw.err
}

// exampleHunk is the unified diff of the site's file in the phase cut
// down to its headers and the hunk that holds the site's line.
func exampleHunk(ph *apply.Phase, site string) []byte {
	path, line := splitSite(site)
	if ph == nil {
		return nil
	}
	for _, f := range ph.Files {
		if f.Path != path {
			continue
		}
		return pickHunk(udiff.Unified(f.Path, f.Before, f.After), line)
	}
	return nil
}

// splitSite splits "path:line:col".
func splitSite(site string) (string, int) {
	parts := strings.Split(site, ":")
	if len(parts) < 3 {
		return site, 0
	}
	n, _ := strconv.Atoi(parts[len(parts)-2])
	return strings.Join(parts[:len(parts)-2], ":"), n
}

// pickHunk keeps a unified diff's file headers and the hunk whose old
// lines include line (the first hunk when none does).
func pickHunk(diff []byte, line int) []byte {
	lines := bytes.SplitAfter(diff, []byte("\n"))
	var head []byte
	var hunks [][]byte
	for _, l := range lines {
		switch {
		case bytes.HasPrefix(l, []byte("@@ ")):
			hunks = append(hunks, append([]byte(nil), l...))
		case len(hunks) == 0:
			head = append(head, l...)
		default:
			hunks[len(hunks)-1] = append(hunks[len(hunks)-1], l...)
		}
	}
	if len(hunks) == 0 {
		return head
	}
	pick := hunks[0]
	for _, h := range hunks {
		if start, n := hunkOld(h); line >= start && line < start+max(n, 1) {
			pick = h
			break
		}
	}
	return append(head, pick...)
}

// hunkOld reads "@@ -start,n" of a hunk header.
func hunkOld(header []byte) (start, n int) {
	f := strings.Fields(string(header))
	if len(f) < 2 {
		return 0, 0
	}
	old := strings.TrimPrefix(f[1], "-")
	s, c, ok := strings.Cut(old, ",")
	start, _ = strconv.Atoi(s)
	n = 1
	if ok {
		n, _ = strconv.Atoi(c)
	}
	return start, n
}
