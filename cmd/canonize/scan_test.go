package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/canonize/canonize/internal/sarifschema"
)

const scanCase = "testdata/scan.txtar"

// sarifLog is the part of check's SARIF the tests read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct{ ID string }
			}
		}
		Results []sarifResult
	}
}

type sarifResult struct {
	RuleID        string
	Level         string
	BaselineState string
	Message       struct{ Text string }
	Locations     []struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI string }
			Region           sarifRegion
		}
	}
	Fixes []struct {
		ArtifactChanges []struct {
			ArtifactLocation struct{ URI string }
			Replacements     []struct {
				DeletedRegion   sarifRegion
				InsertedContent struct{ Text string }
			}
		}
	}
}

type sarifRegion struct{ StartLine, StartColumn, EndLine, EndColumn int }

func readSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	if err := sarifschema.Validate([]byte(out)); err != nil {
		t.Fatalf("check --format sarif does not validate against the SARIF 2.1.0 schema: %v\n%s", err, out)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF: %v\n%s", err, out)
	}
	return log
}

// TestCheckSARIF: the real binary's SARIF validates against the
// published schema; it has a rule per spec rule plus one per kind of
// site no rule names, a result per deprecated site with its region in
// UTF-16 columns and a level by kind; and the fix of the rewritten site,
// applied as a SARIF consumer applies it, gives the file canonize diff
// gives, byte for byte.
func TestCheckSARIF(t *testing.T) {
	dir := extract(t, scanCase)
	r := canonize(t, dir, "check", "--format", "sarif")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	log := readSARIF(t, r.stdout)
	var rules []string
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		rules = append(rules, rule.ID)
	}
	if got := strings.Join(rules, " "); got != "factory-create canonize/deprecated canonize/inline" {
		t.Errorf("rules %q", got)
	}
	res := log.Runs[0].Results
	var got []string
	for _, x := range res {
		reg := x.Locations[0].PhysicalLocation.Region
		got = append(got, fmt.Sprintf("%s %s %s %d:%d-%d:%d", x.RuleID, x.Level, x.Locations[0].PhysicalLocation.ArtifactLocation.URI,
			reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn))
	}
	want := []string{
		// "é" is two bytes and one UTF-16 unit: Go's column 23 is 22.
		"factory-create note app/app.go 14:22-14:52",
		"factory-create warning app/app.go 17:39-17:49",
		"canonize/deprecated warning app/app.go 19:21-19:27",
		"canonize/inline note app/app.go 21:35-21:51",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("results:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res[1].Fixes)+len(res[2].Fixes) != 0 || len(res[0].Fixes) != 1 || len(res[3].Fixes) != 1 {
		t.Fatalf("fixes: want one for each rewritten site (auto, inline), none for review and manual")
	}

	old, _ := os.ReadFile(filepath.Join(dir, "app", "app.go"))
	fixed := applySARIFFix(t, string(old), res[0])
	diffed := copyTree(t, dir)
	gitApply(t, diffed, canonize(t, dir, "diff").stdout)
	want2, _ := os.ReadFile(filepath.Join(diffed, "app", "app.go"))
	if fixed != string(want2) {
		t.Errorf("the SARIF fix gives\n%s\ncanonize diff gives\n%s", fixed, want2)
	}
	if applySARIFFix(t, string(old), res[3]) != fixed {
		t.Error("the two rewritten sites of one file have different fixes")
	}
}

// applySARIFFix applies a result's one fix to src: replacements name
// regions of the unmodified file, so the last is applied first.
func applySARIFFix(t *testing.T, src string, r sarifResult) string {
	t.Helper()
	reps := r.Fixes[0].ArtifactChanges[0].Replacements
	out := src
	for i := len(reps) - 1; i >= 0; i-- {
		d := reps[i].DeletedRegion
		start, end := sarifOffset(t, src, d.StartLine, d.StartColumn), sarifOffset(t, src, d.EndLine, d.EndColumn)
		out = out[:start] + reps[i].InsertedContent.Text + out[end:]
	}
	return out
}

// sarifOffset is the byte offset of a SARIF line and UTF-16 column.
func sarifOffset(t *testing.T, src string, line, col int) int {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	if line > len(lines) {
		t.Fatalf("line %d past the end", line)
	}
	off := 0
	for _, l := range lines[:line-1] {
		off += len(l)
	}
	units := 0
	for i, r := range lines[line-1] {
		if units == col-1 {
			return off + i
		}
		units += len(utf16.Encode([]rune{r}))
	}
	if units == col-1 {
		return off + len(lines[line-1])
	}
	t.Fatalf("column %d past line %d", col, line)
	return 0
}

// TestCheckGitHub: one workflow command per deprecated site, warnings
// for the sites a person must change, ':' escaped in the title.
func TestCheckGitHub(t *testing.T) {
	dir := extract(t, scanCase)
	r := canonize(t, dir, "check", "--format", "github")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	want := "::notice file=app/app.go,line=14,col=22,endLine=14,endColumn=52,title=canonize%3A deprecated ws.GetFactory (rule factory-create)::ws.GetFactory is deprecated: use ws.New (rule factory-create)\n" +
		"::warning file=app/app.go,line=17,col=39,endLine=17,endColumn=49,title=canonize%3A deprecated ws.GetFactory (rule factory-create)::ws.GetFactory is deprecated: use ws.New (rule factory-create)\n" +
		"::warning file=app/app.go,line=19,col=21,endLine=19,endColumn=27,title=canonize%3A deprecated ws.Legacy::ws.Legacy is deprecated (manual)\n" +
		"::notice file=app/app.go,line=21,col=35,endLine=21,endColumn=51,title=canonize%3A deprecated ws.Open::ws.Open is marked //go:fix inline: canonize inlines it\n"
	if r.stdout != want {
		t.Errorf("got\n%s\nwant\n%s", r.stdout, want)
	}
}

// TestCheckFormatErrors: an unknown --format, or --json with another
// format, is one line and exit 2 before any analysis; --json still
// prints JSON.
func TestCheckFormatErrors(t *testing.T) {
	dir := extract(t, scanCase)
	for _, args := range [][]string{{"--format", "xml"}, {"--json", "--format", "sarif"}} {
		r := canonize(t, dir, append([]string{"check"}, args...)...)
		if r.code != 2 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("check %v: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, r.code, r.stdout, r.stderr)
		}
	}
	r := canonize(t, dir, "check", "--format", "xml")
	if want := "canonize: --format: unknown format \"xml\": want text, json, sarif, github\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	r = canonize(t, dir, "check", "--json")
	var js struct{ Sites []json.RawMessage }
	if r.code != 1 || json.Unmarshal([]byte(r.stdout), &js) != nil || len(js.Sites) != 4 {
		t.Errorf("check --json: exit %d, %d sites\n%s", r.code, len(js.Sites), r.stdout)
	}
}
