package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/owners"
	"github.com/canonize/canonize/plan"
)

// Page is what the HTML report shows: the plan, each phase's files with
// the content apply would write (the diffs are rendered from it), the
// journal's applied phases, and when the page was made.
type Page struct {
	Plan    *plan.Plan
	Order   apply.Order
	Commits []apply.Commit // apply.Timeline; none before the first apply
	// Evidence is the verification recorded for each applied phase
	// (apply.Evidences); none before the first apply.
	Evidence []apply.Evidence
	Now      time.Time
}

//go:embed page.html.tmpl
var pageSource string

// pageTmpl is html/template, so every string from the code, the spec or
// the journal is escaped for where it lands (text, attribute, SVG).
var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"pct":    pct,
	"plural": plural,
	"coord":  func(v float64) string { return fmt.Sprintf("%.1f", v) },
}).Parse(pageSource))

// WriteHTML writes the report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing loaded from anywhere.
func WriteHTML(w io.Writer, pg Page) error {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, newView(pg)); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// view is the page's data, laid out for the template.
type view struct {
	Title, Generated string
	Compliance       plan.Compliance
	Phases           []phaseRow
	Burndown         *chart
	Timeline         *chart // nil before the first apply
	Commits          []commitRow
	PhaseNames       []string
	Matrix           []matrixRow
	OwnersFrom       string
	Owners           []ownerTable
	Diffs            []phaseDiffs
	People           []siteRow
	Outside          int
	Verify           []string
	Evidence         []evidenceView
}

// evidenceView is one applied phase's verification, for the page.
type evidenceView struct {
	Title   string
	Results []resultRow
}

type resultRow struct {
	Command, Outcome, Took, Details, Tail string
	Failed                                bool
	Bench                                 []benchRow
}

type benchRow struct {
	Name, Unit, Before, After, Change, P, Verdict string
}

type phaseRow struct {
	Number          int
	Name, Tiers     string
	Files, Sites    int
	ComplianceAfter float64
	State           string
	BlockedBy       []string
}

type commitRow struct {
	Phase                    string
	State                    string
	Began, Committed, Undone string
	Compliance               string
}

type matrixRow struct {
	Tier   string
	Counts []int
}

type ownerTable struct {
	Owner string
	Rows  []shareRow
}

type shareRow struct {
	Phase, Tiers    string
	Files, Sites    int
	ComplianceAfter float64
	Paths           []string
}

type phaseDiffs struct {
	Number    int
	Name      string
	Blocked   bool
	BlockedBy []string
	Files     []fileDiff
}

type fileDiff struct {
	Path, Tier, Owners string
	Sites, Adds, Dels  int
	Lines              []diffLine
}

// diffLine is one line of a unified diff and its class for colour:
// "meta" (headers), "hunk", "add", "del" or "ctx".
type diffLine struct {
	Class, Text string
}

type siteRow struct {
	Pos, Kind, Symbol, Reason string
}

func newView(pg Page) *view {
	p := pg.Plan
	v := &view{Title: "Migration report", Generated: stamp(pg.Now), Compliance: p.Compliance,
		Burndown: phaseChart(p), Timeline: timeChart(pg.Commits, p.Compliance.Percent, pg.Now),
		OwnersFrom: p.OwnersFrom, Verify: p.Verify, Evidence: evidenceViews(pg.Evidence)}
	if p.Name != "" {
		v.Title += ": " + p.Name
	}
	kept := keptPhases(pg.Commits)
	for _, ph := range p.Phases {
		v.PhaseNames = append(v.PhaseNames, fmt.Sprintf("%d. %s", ph.Number, ph.Name))
		d := diffsOf(ph, pg.Order.Phase(ph.Number))
		v.Diffs = append(v.Diffs, d)
		v.Phases = append(v.Phases, phaseRow{Number: ph.Number, Name: ph.Name, Tiers: strings.Trim(tierSummary(ph.Files), "()"),
			Files: len(ph.Files), Sites: sites(ph.Files), ComplianceAfter: ph.ComplianceAfter, State: phaseState(ph, kept[ph.Number]),
			BlockedBy: ph.BlockedBy})
	}
	for _, cm := range pg.Commits {
		v.Commits = append(v.Commits, commitRowOf(cm))
	}
	v.Matrix = riskMatrix(p)
	v.Owners = ownerTables(p)
	for _, s := range peopleSites(p.Sites) {
		v.People = append(v.People, siteRow{Pos: s.String(), Kind: string(s.Kind), Symbol: s.Symbol, Reason: s.Reason})
	}
	v.Outside, _ = outside(p.Sites)
	return v
}

// phaseState says what can be done with the phase; kept is its state in
// the journal when its latest apply is still in the tree.
func phaseState(ph *plan.Phase, kept apply.Condition) string {
	switch {
	case ph.Blocked:
		return "blocked"
	case len(ph.Files) == 0 && kept != "":
		return string(kept)
	case len(ph.Files) == 0:
		return "nothing to do"
	}
	return "ready"
}

// keptPhases maps each phase whose latest apply is still in the tree
// (applied or partial) to that state.
func keptPhases(commits []apply.Commit) map[int]apply.Condition {
	latest := map[int]apply.Condition{}
	for _, cm := range commits {
		latest[cm.Phase] = cm.State
	}
	for n, st := range latest {
		if st != apply.Applied && st != apply.Partial {
			delete(latest, n)
		}
	}
	return latest
}

func sites(files []*plan.PlanFile) int {
	n := 0
	for _, f := range files {
		n += f.Sites
	}
	return n
}

func commitRowOf(cm apply.Commit) commitRow {
	r := commitRow{Phase: fmt.Sprintf("%d. %s", cm.Phase, cm.Name), State: string(cm.State),
		Began: stamp(cm.Began), Committed: stamp(cm.Committed), Undone: stamp(cm.Undone),
		Compliance: "not recorded (applied by an older canonize)"}
	if c := cm.Compliance; c != nil {
		r.Compliance = fmt.Sprintf("%s measured before, %s projected after", pct(c.Before), pct(c.After))
	}
	return r
}

// riskMatrix counts each phase's files per tier.
func riskMatrix(p *plan.Plan) []matrixRow {
	var out []matrixRow
	for _, t := range plan.Tiers() {
		row := matrixRow{Tier: t.String()}
		for _, ph := range p.Phases {
			n := 0
			for _, f := range ph.Files {
				if f.Tier == t {
					n++
				}
			}
			row.Counts = append(row.Counts, n)
		}
		out = append(out, row)
	}
	return out
}

// ownerTables turns the phases' shares around: one table per owner
// group, a row per phase it has files in. Groups are ordered as plan
// orders shares: by name, the unowned last.
func ownerTables(p *plan.Plan) []ownerTable {
	index := map[string]int{}
	var out []ownerTable
	for _, ph := range p.Phases {
		for _, sh := range ph.Shares {
			i, ok := index[sh.Owner]
			if !ok {
				i = len(out)
				index[sh.Owner] = i
				out = append(out, ownerTable{Owner: sh.Owner})
			}
			out[i].Rows = append(out[i].Rows, shareRow{Phase: fmt.Sprintf("%d. %s", ph.Number, ph.Name),
				Tiers: strings.Trim(tierSummary(ph.ShareFiles(sh)), "()"), Files: len(sh.Files), Sites: sh.Sites,
				ComplianceAfter: sh.ComplianceAfter, Paths: sh.Files})
		}
	}
	slices.SortStableFunc(out, func(a, b ownerTable) int {
		au, bu := a.Owner == owners.Unowned, b.Owner == owners.Unowned
		switch {
		case au && !bu:
			return 1
		case bu && !au:
			return -1
		}
		return strings.Compare(a.Owner, b.Owner)
	})
	return out
}

// diffsOf renders the diff of every file the phase changes, in the
// order apply writes them, with what the plan says of each file.
func diffsOf(ph *plan.Phase, ord *apply.Phase) phaseDiffs {
	d := phaseDiffs{Number: ph.Number, Name: ph.Name, Blocked: ph.Blocked, BlockedBy: ph.BlockedBy}
	if ord == nil {
		return d
	}
	files := map[string]*plan.PlanFile{}
	for _, f := range ph.Files {
		files[f.Path] = f
	}
	for _, fc := range ord.Changes() {
		fd := fileDiff{Path: fc.Path, Lines: diffLines(udiff.Unified(fc.Path, fc.Before, fc.After))}
		if pf := files[fc.Path]; pf != nil {
			fd.Tier, fd.Owners, fd.Sites = pf.Tier.String(), pf.Group(), pf.Sites
		}
		for _, l := range fd.Lines {
			switch l.Class {
			case "add":
				fd.Adds++
			case "del":
				fd.Dels++
			}
		}
		d.Files = append(d.Files, fd)
	}
	return d
}

// diffLines splits a unified diff into classed lines. Header lines are
// told from changed lines by position: everything before the first
// hunk of a file is header, so a removed line that reads "--- x" is
// still a deletion.
func diffLines(diff []byte) []diffLine {
	var out []diffLine
	inHunk := false
	for _, line := range strings.SplitAfter(string(diff), "\n") {
		if line == "" {
			continue
		}
		text := strings.TrimSuffix(line, "\n")
		class := "ctx"
		switch {
		case strings.HasPrefix(text, "diff --git "):
			inHunk, class = false, "meta"
		case strings.HasPrefix(text, "@@"):
			inHunk, class = true, "hunk"
		case !inHunk || strings.HasPrefix(text, `\`):
			class = "meta"
		case strings.HasPrefix(text, "+"):
			class = "add"
		case strings.HasPrefix(text, "-"):
			class = "del"
		}
		out = append(out, diffLine{Class: class, Text: text})
	}
	return out
}

// evidenceViews lays out the journal's verification results.
func evidenceViews(ev []apply.Evidence) []evidenceView {
	var out []evidenceView
	for _, e := range ev {
		title := fmt.Sprintf("Phase %d: %s (%s", e.Phase, e.Name, e.State)
		if e.Share != "" {
			title += ", for " + e.Share
		}
		ev := evidenceView{Title: title + ", " + e.Began.UTC().Format("2006-01-02 15:04 UTC") + ")"}
		for _, v := range e.Results {
			r := resultRow{Command: v.Command, Outcome: outcome(v), Took: took(v.Millis), Details: strings.Trim(extra(v), " []"), Failed: v.Exit != 0 || v.Failure != ""}
			if r.Failed {
				r.Tail = strings.TrimSpace(v.Failure + "\n" + v.Tail)
			}
			for _, b := range v.Bench {
				r.Bench = append(r.Bench, benchRow{Name: b.Name, Unit: b.Unit, Before: fmt.Sprintf("%.4g", b.Before), After: fmt.Sprintf("%.4g", b.After),
					Change: fmt.Sprintf("%+.1f%%", b.Delta), P: fmt.Sprintf("%.3f", b.P), Verdict: string(b.Verdict)})
			}
			ev.Results = append(ev.Results, r)
		}
		out = append(out, ev)
	}
	return out
}
