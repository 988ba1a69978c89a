package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/canonize/canonize/plan"
)

// screenshotPath, when set, is where TestReportInBrowser also saves its
// screenshot: refresh the README's picture with
//
//	go test ./cmd/canonize -run TestReportInBrowser -screenshot ../../docs/report.png
var screenshotPath = flag.String("screenshot", "", "save the report's screenshot to `PATH` too (docs/report.png)")

// TestReportNeedsOutput: without -o, report says so in one line and
// exits 2 before analysing anything.
func TestReportNeedsOutput(t *testing.T) {
	r := canonize(t, t.TempDir(), "report")
	if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "-o FILE") {
		t.Fatalf("report without -o: exit %d, stderr %q; want 2 and one line naming -o FILE", r.code, r.stderr)
	}
}

// TestReportInBrowser loads the report of the example in headless
// chromium: no console error or exception, no request but file://, the
// burndown has a point for now and one per phase, the risk matrix and
// the owner tables have the plan's rows, each changed file is a
// <details> that opens when clicked. After phase 1 is applied, a second
// report draws the burndown over time with that phase on it.
func TestReportInBrowser(t *testing.T) {
	chrome := chromium(t)
	dir := copyTree(t, "../../testdata/chatapp")
	p := planOf(t, dir)
	b := newBrowser(t, chrome)

	first := writeReport(t, dir)
	f := b.load(t, first)
	checkPlanShown(t, f, p)
	if len(f.Timeline) != 0 || !f.NoTimeline {
		t.Errorf("before any apply the page draws a burndown over time: %q", f.Timeline)
	}
	b.checkClickOpens(t)

	if r := canonize(t, dir, "apply", "--phase", "1", "--no-spec-verify", "--verify", "true"); r.code != 0 {
		t.Fatalf("apply --phase 1: exit %d\n%s", r.code, r.stderr)
	}
	second := writeReport(t, dir)
	f = b.load(t, second)
	want := []string{"before 1. exports", "1. exports applied", "now"}
	if !slices.Equal(f.Timeline, want) {
		t.Errorf("burndown over time: points %q, want %q", f.Timeline, want)
	}
	if f.TimelineValues[1] != pctOf(p.Phases[0].ComplianceAfter) || f.TimelineValues[2] != f.Now {
		t.Errorf("burndown over time: values %q; want phase 1 at %s and now at %s", f.TimelineValues, pctOf(p.Phases[0].ComplianceAfter), f.Now)
	}
	if f.Commits != 1 || !strings.Contains(f.PhaseStates, "1. exports:applied") {
		t.Errorf("the page does not show phase 1 applied: %d journal rows, phase states %q", f.Commits, f.PhaseStates)
	}
	b.screenshot(t)
}

// chromium finds the browser, and fails (not skips) without one: a
// green run must mean the page was looked at.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: the report is tested in a real browser; install it with `apt-get install -y chromium` (Debian; .ci/run does)")
	return ""
}

// planOf is the plan of the tree at dir, as plan --json prints it.
func planOf(t *testing.T, dir string) *plan.Plan {
	t.Helper()
	r := canonize(t, dir, "plan", "--json")
	var p plan.Plan
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("plan --json: exit %d: %v\n%s", r.code, err, r.stderr)
	}
	return &p
}

func writeReport(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	if r := canonize(t, dir, "report", "-o", out); r.code != 0 {
		t.Fatalf("report: exit %d\n%s", r.code, r.stderr)
	}
	return out
}

func pctOf(v float64) string { return fmt.Sprintf("%.1f%%", v) }

// checkPlanShown compares what the browser rendered with the plan.
func checkPlanShown(t *testing.T, f facts, p *plan.Plan) {
	t.Helper()
	want := []string{"now"}
	for _, ph := range p.Phases {
		want = append(want, fmt.Sprintf("%d. %s", ph.Number, ph.Name))
	}
	if !slices.Equal(f.Burndown, want) {
		t.Errorf("burndown points %q, want one for now and one per phase: %q", f.Burndown, want)
	}
	if !f.ChartDrawn {
		t.Error("the burndown's points are not drawn inside its SVG")
	}
	var risk []string
	for _, tier := range plan.Tiers() {
		row := tier.String()
		for _, ph := range p.Phases {
			n := 0
			for _, pf := range ph.Files {
				if pf.Tier == tier {
					n++
				}
			}
			row += fmt.Sprintf(" %d", n)
		}
		risk = append(risk, row)
	}
	if !slices.Equal(f.Risk, risk) {
		t.Errorf("risk matrix rows %q, want %q", f.Risk, risk)
	}
	wantOwners := []string{"@chatco/assistants", "@chatco/messaging", "@chatco/platform"}
	if !slices.Equal(f.Owners, wantOwners) {
		t.Errorf("owner tables %q, want %q", f.Owners, wantOwners)
	}
	changed := 0
	for _, ph := range p.Phases[:3] {
		changed += len(ph.Files)
	}
	if f.Files123 != changed || changed != 94 {
		t.Errorf("%d <details> in phases 1-3, want one per changed file: %d (94 on the example)", f.Files123, changed)
	}
}

// facts is what the test reads off the rendered page.
type facts struct {
	Burndown       []string `json:"burndown"`
	ChartDrawn     bool     `json:"chartDrawn"`
	Timeline       []string `json:"timeline"`
	TimelineValues []string `json:"timelineValues"`
	NoTimeline     bool     `json:"noTimeline"`
	Now            string   `json:"now"`
	Risk           []string `json:"risk"`
	Owners         []string `json:"owners"`
	Files123       int      `json:"files123"`
	Commits        int      `json:"commits"`
	PhaseStates    string   `json:"phaseStates"`
}

// factsJS reads the facts in the page. ChartDrawn checks layout, not
// markup: every point has a box inside the SVG's box.
const factsJS = `(() => {
  const all = (sel) => [...document.querySelectorAll(sel)];
  const svg = document.querySelector('#burndown');
  const box = svg ? svg.getBoundingClientRect() : null;
  const drawn = !!box && box.width > 0 && all('#burndown circle.point').every(c => {
    const r = c.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
  });
  return {
    burndown: all('#burndown circle.point').map(c => c.dataset.label),
    chartDrawn: drawn,
    timeline: all('#timeline circle.point').map(c => c.dataset.label),
    timelineValues: all('#timeline circle.point').map(c => c.dataset.value),
    noTimeline: !!document.querySelector('#no-timeline'),
    now: document.querySelector('#compliance-now').textContent.trim(),
    risk: all('#risk tbody tr').map(tr => [...tr.cells].map(td => td.textContent.trim()).join(' ')),
    owners: all('.owner').map(o => o.querySelector('h3').textContent.trim()),
    files123: all('details.file').filter(d => ['1', '2', '3'].includes(d.dataset.phase)).length,
    commits: all('#commits tbody tr').length,
    phaseStates: all('#phases tbody tr').map(tr => tr.cells[0].textContent.trim() + ':' + tr.cells[5].textContent.trim()).join(', '),
  };
})()`

// browser is one headless chromium and one tab, with every console
// message, exception, log entry and request of the tab recorded.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	errors   []string
	requests []string
}

func newBrowser(t *testing.T, exe string) *browser {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where chromium's sandbox refuses to start
		chromedp.Flag("disable-gpu", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{ctx: ctx}
	// The first Run starts the browser; no timeout on it (see chromedp.Run).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatal(err)
	}
	// Anything but a file would fail here rather than wait for a network
	// this machine does not have; record still sees the attempt.
	block := []*network.BlockPattern{}
	for _, scheme := range []string{"http", "https", "ws", "wss", "ftp"} {
		block = append(block, &network.BlockPattern{URLPattern: scheme + "://*:*/*", Block: true})
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block}); err != nil {
		t.Fatalf("block the network: %v", err)
	}
	return b
}

// record runs in the tab's event loop: it only appends.
func (b *browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, cmp.Or(a.Description, string(a.Value)))
			}
			b.errors = append(b.errors, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		what := d.Text
		if d.Exception != nil {
			what += " " + d.Exception.Description
		}
		b.errors = append(b.errors, fmt.Sprintf("exception at line %d: %s", d.LineNumber+1, what))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			b.errors = append(b.errors, fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	}
}

// load opens the page, reads its facts, and checks that it logged no
// error and asked for nothing but itself.
func (b *browser) load(t *testing.T, path string) facts {
	t.Helper()
	b.mu.Lock()
	b.errors, b.requests = nil, nil
	b.mu.Unlock()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[facts](factsJS))
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("%s: %s", filepath.Base(path), e)
	}
	if len(b.requests) == 0 {
		t.Error("no request seen: the network listener is not working, so 'nothing but file://' proves nothing")
	}
	for _, r := range b.requests {
		if !strings.HasPrefix(r, "file://") {
			t.Errorf("the page asked for %s: it must load nothing", r)
		}
	}
	return f
}

// checkClickOpens clicks the first file's summary: its diff, hidden
// before, is shown after.
func (b *browser) checkClickOpens(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	const shown = `(() => { const d = document.querySelector('details.file'); return [d.open, d.querySelector('pre.diff').checkVisibility()]; })()`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](shown))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`details.file > summary`), chromedp.NodeVisible)); err != nil {
		t.Fatalf("click the first file: %v", err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](shown))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, []bool{false, false}) || !slices.Equal(after, []bool{true, true}) {
		t.Errorf("the first file's <details> (open, diff visible): %v before the click, %v after; want closed then open", before, after)
	}
}

// screenshot saves the top of the page as a PNG in the test's artifact
// directory and, with -screenshot, where that flag says.
func (b *browser) screenshot(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 1500), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width < 1000 || cfg.Height < 1000 {
		t.Fatalf("screenshot is not a PNG of the page: %v %+v", err, cfg)
	}
	paths := []string{filepath.Join(t.ArtifactDir(), "report.png")}
	if *screenshotPath != "" {
		paths = append(paths, *screenshotPath)
	}
	for _, p := range paths {
		if err := os.WriteFile(p, img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot (%d bytes) saved to %s", len(img), strings.Join(paths, ", "))
}
