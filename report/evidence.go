package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/journal"
)

// This file renders the journal's verification results: the evidence a
// reviewer reads in status, plan --markdown and the HTML page.

// outcome says how a verification ended: "ok", "exit 1", "killed".
func outcome(v journal.Verification) string {
	switch {
	case v.Failure != "":
		return "failed"
	case v.Exit == 0:
		return "ok"
	case v.Exit < 0:
		return "killed"
	}
	return fmt.Sprintf("exit %d", v.Exit)
}

// took renders a duration in milliseconds for people.
func took(ms int64) string {
	d := time.Duration(ms) * time.Millisecond
	if d < time.Second {
		return fmt.Sprintf("%dms", ms)
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// extra is what a result adds to its command: where it ran, what it
// chose, what the benchmarks did.
func extra(v journal.Verification) string {
	var parts []string
	if v.Stage == journal.StageBaseline {
		parts = append(parts, "before writing")
	}
	if v.Config != "" {
		parts = append(parts, v.Config)
	}
	if v.Total > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d packages", v.Selected, v.Total))
	}
	if len(v.Bench) > 0 {
		parts = append(parts, benchSummary(v.Bench))
	}
	if len(parts) == 0 {
		return ""
	}
	return " [" + strings.Join(parts, "; ") + "]"
}

// benchSummary names the number of benchmarks and the worst change.
func benchSummary(bs []journal.BenchDelta) string {
	worst := bs[0]
	for _, b := range bs[1:] {
		if b.Delta > worst.Delta {
			worst = b
		}
	}
	return fmt.Sprintf("%d benchmark%s, worst %s %+.1f%% (%s)", len(bs), plural(len(bs)), worst.Name, worst.Delta, worst.Verdict)
}

// lastLine is the last line of a result's output, for a one-line view.
func lastLine(v journal.Verification) string {
	t := strings.TrimSpace(v.Tail)
	if i := strings.LastIndexByte(t, '\n'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// writeResults prints results one a line under a phase of status; a
// failed one adds the last line of its output.
func writeResults(pw *errWriter, results []journal.Verification) {
	for _, v := range results {
		pw.printf("    verify %-7s %6s  %s%s\n", outcome(v), took(v.Millis), printable(shorten(v.Command, 100)), printable(extra(v)))
		switch {
		case v.Failure != "":
			pw.printf("      | %s\n", printable(v.Failure))
		case v.Exit != 0 && lastLine(v) != "":
			pw.printf("      | %s\n", printable(lastLine(v)))
		}
	}
}

// writeEvidenceMarkdown prints the section of plan --markdown that shows
// what verified each applied phase.
func writeEvidenceMarkdown(pw *errWriter, ev []apply.Evidence) {
	if len(ev) == 0 {
		return
	}
	pw.printf("\n## Verification evidence\n\nWhat the journal recorded of each phase's latest apply:\n")
	for _, e := range ev {
		pw.printf("\n### Phase %d: %s (%s", e.Phase, mdEscape(printable(e.Name)), e.State)
		if e.Share != "" {
			pw.printf(", for %s", mdEscape(printable(e.Share)))
		}
		pw.printf(", %s)\n\n", e.Began.UTC().Format("2006-01-02 15:04 UTC"))
		if len(e.Results) == 0 {
			pw.printf("Nothing was verified.\n")
			continue
		}
		pw.printf("| command | result | time | details |\n|---|---|---|---|\n")
		for _, v := range e.Results {
			pw.printf("| `%s` | %s | %s | %s |\n", mdCode(v.Command), outcome(v), took(v.Millis), mdEscape(printable(strings.Trim(extra(v), " []"))))
		}
		for _, v := range e.Results {
			writeBenchMarkdown(pw, v)
			if v.Failure != "" {
				pw.printf("\n`%s` failed the verification: %s\n", mdCode(v.Command), mdEscape(printable(v.Failure)))
			}
			if v.Exit != 0 && v.Tail != "" {
				pw.printf("\n<details><summary>output of <code>%s</code> (last lines)</summary>\n\n```\n%s\n```\n\n</details>\n", htmlEscape(v.Command), strings.ReplaceAll(printableLines(v.Tail), "```", "'''"))
			}
		}
	}
}

// writeBenchMarkdown prints a result's benchmark table.
func writeBenchMarkdown(pw *errWriter, v journal.Verification) {
	if len(v.Bench) == 0 {
		return
	}
	pw.printf("\n| benchmark | unit | before | after | change | p | verdict |\n|---|---|---|---|---|---|---|\n")
	for _, b := range v.Bench {
		pw.printf("| `%s` | %s | %.4g | %.4g | %+.1f%% | %.3f | %s |\n", mdCode(b.Name), mdEscape(printable(b.Unit)), b.Before, b.After, b.Delta, b.P, b.Verdict)
	}
}

// mdCode makes s safe inside a Markdown code span in a table.
func mdCode(s string) string { return strings.ReplaceAll(mdEscape(printable(s)), "`", "'") }

// printableLines is printable for each line of s, keeping the newlines.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = printable(l)
	}
	return strings.Join(lines, "\n")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(printable(s))
}

// shorten cuts s to about n bytes for a one-line view (a go test of
// fifty packages); plan --markdown and the report show it whole.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
