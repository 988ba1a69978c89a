package report

import (
	"strings"
	"testing"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
)

// Each deprecated site is one workflow command: warning for a site a
// person must handle, notice for one canonize rewrites; positions in
// UTF-16 columns where the file is known.
func TestGitHubAnnotations(t *testing.T) {
	var b strings.Builder
	if err := WriteGitHub(&b, sampleCheck()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want one per deprecated site:\n%s", len(lines), b.String())
	}
	want := map[int]string{
		0: "::notice file=a.go,line=6,col=11,endLine=6,endColumn=28,title=canonize%3A deprecated old.Get (rule make)::old.Get is deprecated: use new.Make (rule make)",
		2: "::warning file=b.go,line=4,col=7,endLine=4,endColumn=14,title=canonize%3A deprecated old.Get (rule make)::old.Get is deprecated (review)",
		3: "::warning file=b.go,line=8,col=2,endLine=8,endColumn=12,title=canonize%3A deprecated old.Other::old.Other is deprecated (manual)",
		5: "::notice file=z_gen.go,line=5,col=3,title=canonize%3A deprecated old.Get (rule make)::old.Get is deprecated (generated)",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
}

// What the runner parses as syntax is escaped as actions/toolkit does:
// '%', CR and LF everywhere; ':' and ',' in properties too. A message
// with a newline stays one command.
func TestGitHubEscaping(t *testing.T) {
	s := engine.Site{Path: "we,ird:dir/a%b.go", Line: 1, Col: 1, Symbol: "p.Old", Role: engine.RoleDeprecated, Kind: engine.KindReview,
		Inline: true, Reason: "100% sure:\nnot, inlined\r"}
	var b strings.Builder
	if err := WriteGitHub(&b, &Check{Plan: &plan.Plan{Sites: []engine.Site{s}}}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=we%2Cird%3Adir/a%25b.go,line=1,col=1,title=canonize%3A deprecated p.Old::p.Old is marked //go:fix inline; not inlined: 100%25 sure:%0Anot, inlined%0D\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// Against a baseline only the new sites are annotated, and the fixed
// ones are one notice.
func TestGitHubBaseline(t *testing.T) {
	c := sampleCheck()
	b := baseline.Make(baseline.Spec{}, append([]engine.Site{{Path: "gone.go", Symbol: "old.Get", Func: "K", Role: engine.RoleDeprecated}}, c.Plan.Sites[1:]...))
	c.Baseline = &BaselineResult{File: "base.json", Comparison: baseline.Compare(b, c.Plan.Sites)}
	var out strings.Builder
	if err := WriteGitHub(&out, c); err != nil {
		t.Fatal(err)
	}
	want := "::notice file=a.go,line=6,col=11,endLine=6,endColumn=28,title=canonize%3A deprecated old.Get (rule make)::old.Get is deprecated: use new.Make (rule make)\n" +
		"::notice title=canonize baseline::1 deprecated site fixed since base.json: run canonize baseline -o base.json to record it\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
