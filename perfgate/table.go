package perfgate

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Table renders deltas as benchstat does, one benchmark a line: the
// median before and after with its confidence interval, the change, the
// p-value and the verdict.
func Table(ds []Delta, o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "benchmarks, before → after (median of %d runs ± 95%% CI; p: Mann-Whitney U; fails above +%v%%, warns above +%v%%):\n", o.Count, o.Fail, o.Warn)
	tw := tabwriter.NewWriter(&b, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "  package\tbenchmark\tbefore\tafter\tchange\tp\tverdict\n")
	for _, d := range ds {
		change := fmt.Sprintf("%+.1f%%", d.Change)
		if d.Verdict == Same {
			change = "~"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s ±%.0f%%\t%s ±%.0f%%\t%s\tp=%.3f n=%d\t%s\n", d.Pkg, d.Name,
			perOp(d.Before), d.BeforeCI, perOp(d.After), d.AfterCI, change, d.P, d.N, d.Verdict)
	}
	tw.Flush()
	return b.String()
}

// perOp renders seconds per operation with a readable unit.
func perOp(sec float64) string {
	switch {
	case sec < 1e-6:
		return fmt.Sprintf("%.2fns", sec*1e9)
	case sec < 1e-3:
		return fmt.Sprintf("%.2fµs", sec*1e6)
	case sec < 1:
		return fmt.Sprintf("%.2fms", sec*1e3)
	}
	return fmt.Sprintf("%.2fs", sec)
}
