package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
	"github.com/canonize/canonize/spec"
)

// Format is an output format of canonize check.
type Format string

// Formats of canonize check.
const (
	FormatText   Format = "text"   // go vet-style lines
	FormatJSON   Format = "json"   // compliance and the sites
	FormatSARIF  Format = "sarif"  // SARIF 2.1.0, for code scanning
	FormatGitHub Format = "github" // GitHub Actions workflow commands (annotations)
)

// Formats lists the formats in the order help texts name them.
func Formats() []Format { return []Format{FormatText, FormatJSON, FormatSARIF, FormatGitHub} }

// FormatError is an unknown format name.
type FormatError struct{ Name string }

func (e *FormatError) Error() string {
	names := make([]string, 0, 4)
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return fmt.Sprintf("unknown format %q: want %s", e.Name, strings.Join(names, ", "))
}

// ParseFormat returns the format named s, or a *FormatError.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == s {
			return f, nil
		}
	}
	return "", &FormatError{s}
}

// Check is what canonize check reports: the model all its formats print.
type Check struct {
	Plan *plan.Plan
	// Spec's rules describe the SARIF rules.
	Spec *spec.Spec
	// Tool is canonize's version, as SARIF's tool.driver.version.
	Tool string
	// Files holds the bytes of files with deprecated sites, by slash path
	// from the root: SARIF counts columns in UTF-16 code units where Go
	// counts bytes, and a fix replaces lines. A file missing here gets
	// byte columns and no fix.
	Files map[string]Source
	// Baseline is set when checking against a baseline.
	Baseline *BaselineResult
}

// Source is a file's content now and after phases 1-3 (New is nil, or
// equal to Old, when they do not change it).
type Source struct{ Old, New []byte }

// BaselineResult is the comparison with the baseline file File.
type BaselineResult struct {
	File string
	*baseline.Comparison
}

// Shown are the deprecated sites the text, JSON and GitHub formats
// print: every one, or with a baseline the new ones.
func (c *Check) Shown() []engine.Site {
	if c.Baseline != nil {
		return c.Baseline.New
	}
	var out []engine.Site
	for _, s := range c.Plan.Sites {
		if s.Role == engine.RoleDeprecated {
			out = append(out, s)
		}
	}
	return out
}

// WriteCheckAs prints c in format f.
func WriteCheckAs(w io.Writer, f Format, c *Check) error {
	switch f {
	case FormatText:
		shown := *c.Plan
		shown.Sites = c.Shown()
		return WriteCheck(w, &shown)
	case FormatJSON:
		if c.Baseline == nil {
			return WriteCheckJSON(w, c.Plan)
		}
		return writeJSON(w, checkWithBaseline{c.Plan.Compliance, c.Shown(), baselineJSON{
			File: c.Baseline.File, New: len(c.Baseline.New), Known: c.Baseline.Known, Fixed: c.Baseline.Fixed}})
	case FormatSARIF:
		return WriteSARIF(w, c)
	case FormatGitHub:
		return WriteGitHub(w, c)
	}
	return &FormatError{string(f)}
}

// checkWithBaseline is check's JSON against a baseline: the new sites,
// and how the tree compares with the baseline.
type checkWithBaseline struct {
	Compliance plan.Compliance `json:"compliance"`
	Sites      []engine.Site   `json:"sites"`
	Baseline   baselineJSON    `json:"baseline"`
}

type baselineJSON struct {
	File  string           `json:"file"`
	New   int              `json:"new"`
	Known int              `json:"known"`
	Fixed []baseline.Entry `json:"fixed"`
}

// WriteBaselineSummary says, for stderr, how the tree compares with the
// baseline and lists the sites fixed since.
func WriteBaselineSummary(w io.Writer, b *BaselineResult) error {
	pw := &errWriter{w: w}
	fixed := 0
	for _, e := range b.Fixed {
		fixed += e.Count
	}
	pw.printf("canonize: baseline %s: %d new deprecated site%s, %d known, %d fixed since\n",
		b.File, len(b.New), plural(len(b.New)), b.Known, fixed)
	for _, e := range b.Fixed {
		pw.printf("  fixed: %s\n", entryText(e))
	}
	if fixed > 0 {
		pw.printf("canonize: run canonize baseline -o %s to record the fixes, so that they cannot come back\n", b.File)
	}
	return pw.err
}

// entryText names a baseline entry: "chat/h.go: ws.Old in (*H).Serve (x2)".
func entryText(e baseline.Entry) string {
	s := fmt.Sprintf("%s: %s in %s", e.Path, e.Symbol, e.Func)
	if e.Count > 1 {
		s += fmt.Sprintf(" (x%d)", e.Count)
	}
	return s
}

// level is how much a site asks of a person, in SARIF's words: a site
// no phase rewrites needs one (warning); one that canonize or Go's
// inliner rewrites, that is regenerated, or that lies outside the
// package patterns does not yet (note).
func level(k engine.Kind) string {
	switch k {
	case engine.KindReview, engine.KindManual:
		return "warning"
	case engine.KindAuto, engine.KindInline, engine.KindGenerated, engine.KindOutside:
		return "note"
	}
	return "warning"
}
