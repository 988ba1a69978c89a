package report

import (
	"io"
	"strings"

	"github.com/canonize/canonize/plan"
)

// WriteShareMarkdown describes one owner's share of a phase, to send
// with its patch: the files with their tiers and reasons, the
// compliance it reaches, how to apply and verify it, how to undo it.
func WriteShareMarkdown(w io.Writer, p *plan.Plan, ph *plan.Phase, sh plan.Share, patch string) error {
	pw := &errWriter{w: w}
	title := "Migration"
	if p.Name != "" {
		title += " " + p.Name
	}
	pw.printf("# %s: phase %d (%s) for %s\n\n", title, ph.Number, ph.Name, sh.Owner)
	files := ph.ShareFiles(sh)
	pw.printf("%d file%s, %d site%s rewritten, %s. ", len(files), plural(len(files)), sh.Sites, plural(sh.Sites), strings.Trim(tierSummary(files), "()"))
	pw.printf("Compliance goes from %.1f%% to **%.1f%%** with the earlier phases and this patch applied ", before(p, ph), sh.ComplianceAfter)
	pw.printf("(%.1f%% once every share of the phase is).\n\n", ph.ComplianceAfter)
	switch {
	case ph.Number == 2:
		pw.printf("Apply after every patch of phase 1; the patches of phase 2 apply in any order.\n\n")
	case ph.Number > 2:
		pw.printf("Apply after every patch of phases 1 to %d; the patches of phase %d apply in any order.\n\n", ph.Number-1, ph.Number)
	}
	if deletes(files) && ph.Number < len(p.Phases) {
		pw.printf("This share deletes re-exports that other shares of the phase stop calling through: every patch applies in any order, but the module builds again only once they all are; merge it last.\n\n")
	}
	pw.printf("## Files\n\n")
	writeFileTable(pw, files, true)
	pw.printf("\n## Apply and verify\n\n```sh\ngit apply %s\n", patch)
	for _, v := range p.Verify {
		pw.printf("%s\n", v)
	}
	pw.printf("```\n\nor let canonize apply this share as its own transaction, verified and rolled back if verification fails:\n\n")
	pw.printf("```sh\ncanonize apply --phase %d --owner %s\n```\n\n", ph.Number, shellWord(sh.Owner))
	pw.printf("## Roll back\n\n```sh\ngit apply -R %s              # the patch\ncanonize rollback --phase %d   # after canonize apply (every share of the phase)\n```\n", patch, ph.Number)
	return pw.err
}

// before is the compliance before the phase: after the previous one,
// or now.
func before(p *plan.Plan, ph *plan.Phase) float64 {
	if prev := p.Phase(ph.Number - 1); prev != nil {
		return prev.ComplianceAfter
	}
	return p.Compliance.Percent
}

func deletes(files []*plan.PlanFile) bool {
	for _, f := range files {
		if len(f.Deletes) > 0 {
			return true
		}
	}
	return false
}

// shellWord quotes s for sh when it needs it.
func shellWord(s string) string {
	safe := func(r rune) bool {
		return r == '@' || r == '/' || r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if strings.IndexFunc(s, func(r rune) bool { return !safe(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
