package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
)

// This file renders a Plan: text for terminals, JSON for tools and
// Markdown for pull requests. All three print the same data model.

// WriteText prints compliance now, each phase with its file count, tiers
// and projected compliance, then every site that needs a person.
func WriteText(w io.Writer, p *plan.Plan) error {
	pw := &errWriter{w: w}
	if p.Name != "" {
		pw.printf("plan %s\n", p.Name)
	}
	c := p.Compliance
	pw.printf("compliance now: %.1f%% (%d canonical, %d deprecated sites)\n\n", c.Percent, c.Canonical, c.Deprecated)
	for _, ph := range p.Phases {
		pw.printf("phase %d %-10s %3d %-5s  %-28s -> %5.1f%%", ph.Number, ph.Name, len(ph.Files), "file"+plural(len(ph.Files)), tierSummary(ph.Files), ph.ComplianceAfter)
		if ph.Blocked {
			pw.printf("  BLOCKED: %d reference%s to resolve first", len(ph.BlockedBy), plural(len(ph.BlockedBy)))
		}
		pw.printf("\n")
		writeShapesText(pw, ph)
		if p.OwnersFrom != "" {
			for _, sh := range ph.Shares {
				pw.printf("    %s: %d file%s %s -> %.1f%%\n", sh.Owner, len(sh.Files), plural(len(sh.Files)), tierSummary(ph.ShareFiles(sh)), sh.ComplianceAfter)
			}
		}
	}
	if p.OwnersFrom != "" {
		pw.printf("\nowners from %s (diff --owner O prints one share; diff --split DIR writes each as a patch)\n", p.OwnersFrom)
	}
	if len(p.Verify) > 0 {
		pw.printf("\nverification after each phase (the spec's verify:, run by apply with sh -c):\n")
		for _, v := range p.Verify {
			pw.printf("  %s\n", v)
		}
	}
	left := peopleSites(p.Sites)
	if len(left) > 0 {
		pw.printf("\nsites for a person (%d):\n", len(left))
		for _, s := range left {
			pw.printf("  %s: %s: %s\n", s, s.Kind, s.Reason)
		}
	}
	if n, files := outside(p.Sites); n > 0 {
		pw.printf("\n%d deprecated site%s in %d file%s outside the package patterns: counted, not changed (run without patterns to plan them)\n", n, plural(n), files, plural(files))
	}
	return pw.err
}

// peopleSites are the deprecated sites no phase rewrites, except those
// outside the package patterns: a person acts on those by widening them.
func peopleSites(sites []engine.Site) []engine.Site {
	var out []engine.Site
	for _, s := range sites {
		if s.Role == engine.RoleDeprecated && !s.Rewritten() && s.Kind != engine.KindOutside {
			out = append(out, s)
		}
	}
	return out
}

// outside counts the sites outside the package patterns and their files.
func outside(sites []engine.Site) (n, files int) {
	seen := map[string]bool{}
	for _, s := range sites {
		if s.Kind == engine.KindOutside {
			n++
			seen[s.Path] = true
		}
	}
	return n, len(seen)
}

func tierSummary(files []*plan.PlanFile) string {
	n := map[plan.Tier]int{}
	for _, f := range files {
		n[f.Tier]++
	}
	var parts []string
	for _, t := range plan.Tiers() {
		if n[t] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", t, n[t]))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// WriteJSON prints the plan as indented JSON; see doc.go for the schema.
func WriteJSON(w io.Writer, p *plan.Plan) error {
	return writeJSON(w, p)
}

// WriteMarkdown prints a remediation plan to paste into a pull request,
// with the verification the journal recorded for each applied phase (ev,
// from apply.Evidences; none before the first apply).
func WriteMarkdown(w io.Writer, p *plan.Plan, ev []apply.Evidence) error {
	pw := &errWriter{w: w}
	title := "Migration plan"
	if p.Name != "" {
		title += ": " + p.Name
	}
	pw.printf("# %s\n\n", title)
	c := p.Compliance
	pw.printf("## Summary\n\n")
	files := 0
	for _, ph := range p.Phases {
		files += len(ph.Files)
	}
	pw.printf("- Compliance now: **%.1f%%** (%d canonical, %d deprecated sites)\n", c.Percent, c.Canonical, c.Deprecated)
	left := len(peopleSites(p.Sites))
	verb := "need"
	if left == 1 {
		verb = "needs"
	}
	pw.printf("- %d file change%s in %d phases; %d site%s %s a person\n\n", files, plural(files), len(p.Phases), left, plural(left), verb)
	pw.printf("| phase | files | compliance after | state |\n|---|---|---|---|\n")
	pw.printf("| now | | %.1f%% | |\n", c.Percent)
	for _, ph := range p.Phases {
		state := "ready"
		if ph.Blocked {
			state = "blocked"
		} else if len(ph.Files) == 0 {
			state = "nothing to do"
		}
		pw.printf("| %d. %s | %d | %.1f%% | %s |\n", ph.Number, ph.Name, len(ph.Files), ph.ComplianceAfter, state)
	}
	for _, ph := range p.Phases {
		pw.printf("\n## Phase %d: %s\n\n", ph.Number, ph.Name)
		if ph.Blocked {
			pw.printf("**Blocked** until these are resolved:\n\n")
			for _, b := range ph.BlockedBy {
				pw.printf("- `%s`\n", b)
			}
			pw.printf("\n")
		}
		if len(ph.Files) == 0 {
			pw.printf("No files.\n")
			continue
		}
		writeShapesMarkdown(pw, ph)
		writeFileTable(pw, ph.Files, p.OwnersFrom != "")
	}
	pw.printf("\n## Risk matrix\n\n| tier | %s |\n|---|%s\n", phaseHeader(p), strings.Repeat("---|", len(p.Phases)))
	for _, t := range plan.Tiers() {
		row := []string{}
		for _, ph := range p.Phases {
			n := 0
			for _, f := range ph.Files {
				if f.Tier == t {
					n++
				}
			}
			row = append(row, fmt.Sprint(n))
		}
		pw.printf("| %s | %s |\n", t, strings.Join(row, " | "))
	}
	if left := peopleSites(p.Sites); len(left) > 0 {
		pw.printf("\n## Sites for a person\n\n")
		for _, s := range left {
			pw.printf("- `%s`: %s: %s\n", s, s.Kind, mdEscape(s.Reason))
		}
	}
	pw.printf("\n## Verification\n\nAfter each phase, canonize runs:\n\n```sh\n")
	if len(p.Verify) == 0 {
		pw.printf("# (no verify: commands in the spec; pass --verify CMD to apply)\n")
	}
	for _, v := range p.Verify {
		pw.printf("%s\n", v)
	}
	pw.printf("```\n")
	writeEvidenceMarkdown(pw, ev)
	pw.printf("\n## Rollback\n\n")
	pw.printf("| level | command |\n|---|---|\n")
	pw.printf("| one file | `canonize rollback FILE` |\n")
	pw.printf("| one phase | `canonize rollback --phase N` |\n")
	pw.printf("| everything | `canonize rollback --all` |\n")
	return pw.err
}

// writeFileTable prints a Markdown table of files with their tiers and
// reasons, and their owners when any are known.
func writeFileTable(pw *errWriter, files []*plan.PlanFile, withOwners bool) {
	if withOwners {
		pw.printf("| file | owners | tier | reasons | sites |\n|---|---|---|---|---|\n")
	} else {
		pw.printf("| file | tier | reasons | sites |\n|---|---|---|---|\n")
	}
	for _, f := range files {
		owners := ""
		if withOwners {
			owners = " " + mdEscape(f.Group()) + " |"
		}
		pw.printf("| `%s` |%s %s | %s | %d |\n", f.Path, owners, f.Tier, mdEscape(strings.Join(f.Reasons, "; ")), f.Sites)
	}
}

func phaseHeader(p *plan.Plan) string {
	var names []string
	for _, ph := range p.Phases {
		names = append(names, fmt.Sprintf("%d. %s", ph.Number, ph.Name))
	}
	return strings.Join(names, " | ")
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// WriteCheck prints each deprecated site left, like go vet.
func WriteCheck(w io.Writer, p *plan.Plan) error {
	pw := &errWriter{w: w}
	for _, s := range p.Sites {
		if s.Role != engine.RoleDeprecated {
			continue
		}
		pw.printf("%s: %s\n", s, checkMessage(s))
	}
	return pw.err
}

// checkMessage is what check says of a deprecated site, in every format.
func checkMessage(s engine.Site) string {
	switch {
	case s.Inline && s.Kind == engine.KindInline:
		return fmt.Sprintf("%s is marked //go:fix inline: canonize inlines it", s.Symbol)
	case s.Inline:
		return fmt.Sprintf("%s is marked //go:fix inline; not inlined: %s", s.Symbol, s.Reason)
	case s.Replacement != "" && s.Rule != "":
		return fmt.Sprintf("%s is deprecated: use %s (rule %s)", s.Symbol, s.Replacement, s.Rule)
	default:
		return fmt.Sprintf("%s is deprecated (%s)", s.Symbol, s.Kind)
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
