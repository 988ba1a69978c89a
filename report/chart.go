package report

import (
	"fmt"
	"time"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/plan"
)

// chart is a line chart of compliance (0-100%) laid out in Go: the page
// template only prints its shapes as inline SVG, so the page needs no
// script and draws the same in every browser, and in none.
type chart struct {
	ID, Title              string
	W, H                   int
	Left, Top, Right, Base float64 // the plot area; Base is the 0% line
	YTicks                 []tick
	XTicks                 []tick
	Segments               []segment
	Points                 []point
}

// tick is an axis label at X (x axis) or Y (y axis); Anchor is its
// SVG text-anchor.
type tick struct {
	X, Y          float64
	Label, Anchor string
}

// segment joins two points; Dashed marks a projection through a
// blocked phase.
type segment struct {
	X1, Y1, X2, Y2 float64
	Dashed         bool
}

// point is one value of the chart. Class is "measured" (counted in the
// tree), "projected" (what the plan says a phase reaches) or "blocked"
// (projected for a phase that cannot be applied yet).
type point struct {
	X, Y  float64
	Label string // what the point is: "now", "1. exports"
	Value string // "25.6%"
	Class string
	Phase int // 0 for "now" and for measured points before a phase
	// ShowValue is false when the value would be printed over a later
	// point's; the value stays in the point's tooltip.
	ShowValue bool
	Anchor    string // of the value: "start" at the left edge, clear of the axis labels
}

const (
	chartW, chartH = 720, 280
	padLeft        = 48.0
	padRight       = 44.0
	padTop         = 24.0
	padBottom      = 48.0
)

func newChart(id, title string) *chart {
	c := &chart{ID: id, Title: title, W: chartW, H: chartH,
		Left: padLeft, Top: padTop, Right: chartW - padRight, Base: chartH - padBottom}
	for _, v := range []float64{0, 25, 50, 75, 100} {
		c.YTicks = append(c.YTicks, tick{X: c.Left, Y: c.y(v), Label: fmt.Sprintf("%.0f%%", v), Anchor: "end"})
	}
	return c
}

// y maps a percentage to the plot's vertical axis.
func (c *chart) y(percent float64) float64 {
	return c.Base - (c.Base-c.Top)*percent/100
}

// add appends a point and the segment from the previous one.
func (c *chart) add(p point, dashed bool) {
	if n := len(c.Points); n > 0 {
		prev := c.Points[n-1]
		c.Segments = append(c.Segments, segment{prev.X, prev.Y, p.X, p.Y, dashed})
	}
	c.Points = append(c.Points, p)
}

// phaseChart is the burndown across phases: compliance now, then after
// each phase as the plan projects it, one point each.
func phaseChart(p *plan.Plan) *chart {
	c := newChart("burndown", "Compliance now and after each phase")
	n := len(p.Phases)
	step := (c.Right - c.Left) / float64(max(n, 1))
	now := point{X: c.Left, Y: c.y(p.Compliance.Percent), Label: "now", Value: pct(p.Compliance.Percent), Class: "measured"}
	c.add(now, false)
	c.XTicks = append(c.XTicks, tick{X: now.X, Y: c.Base, Label: "now", Anchor: "middle"})
	for i, ph := range p.Phases {
		label := fmt.Sprintf("%d. %s", ph.Number, ph.Name)
		pt := point{X: c.Left + step*float64(i+1), Y: c.y(ph.ComplianceAfter), Label: label, Value: pct(ph.ComplianceAfter), Class: "projected", Phase: ph.Number}
		if ph.Blocked {
			pt.Class = "blocked"
		}
		c.add(pt, ph.Blocked)
		c.XTicks = append(c.XTicks, tick{X: pt.X, Y: c.Base, Label: label, Anchor: "middle"})
	}
	c.placeLabels()
	return c
}

// placeLabels shows each point's value unless it would overlap the
// value of a later point: the later state of the migration wins.
func (c *chart) placeLabels() {
	const minDX, minDY = 40, 16
	var shown []point
	for i := len(c.Points) - 1; i >= 0; i-- {
		p := &c.Points[i]
		p.ShowValue, p.Anchor = true, "middle"
		if p.X <= c.Left {
			p.Anchor = "start"
		}
		for _, q := range shown {
			if abs(p.X-q.X) < minDX && abs(p.Y-q.Y) < minDY {
				p.ShowValue = false
				break
			}
		}
		if p.ShowValue {
			shown = append(shown, *p)
		}
	}
}

func abs(v float64) float64 { return max(v, -v) }

// timeChart is the burndown across time: for every phase applied and
// still in the tree, the compliance measured when it began and the one
// its plan projected when it committed, then the compliance measured
// now. Nil when no such phase recorded its compliance.
func timeChart(commits []apply.Commit, nowPercent float64, now time.Time) *chart {
	var pts []point
	var times []time.Time
	for _, cm := range commits {
		if cm.Compliance == nil || (cm.State != apply.Applied && cm.State != apply.Partial) {
			continue
		}
		what := fmt.Sprintf("%d. %s", cm.Phase, cm.Name)
		pts = append(pts,
			point{Label: "before " + what, Value: pct(cm.Compliance.Before), Class: "measured", Y: cm.Compliance.Before},
			point{Label: what + " applied", Value: pct(cm.Compliance.After), Class: "projected", Phase: cm.Phase, Y: cm.Compliance.After})
		times = append(times, cm.Began, cm.Committed)
	}
	if len(pts) == 0 {
		return nil
	}
	pts = append(pts, point{Label: "now", Value: pct(nowPercent), Class: "measured", Y: nowPercent})
	times = append(times, now)
	c := newChart("timeline", "Compliance over time, from the journal")
	t0 := times[0]
	// A span of a second at least: applies seconds apart still spread.
	span := max(now.Sub(t0), time.Second)
	x := func(t time.Time) float64 {
		// Clamped: a clock set back since an apply must not draw
		// outside the plot.
		f := min(max(float64(t.Sub(t0))/float64(span), 0), 1)
		return c.Left + (c.Right-c.Left)*f
	}
	for i, p := range pts {
		p.X, p.Y = x(times[i]), c.y(p.Y)
		c.add(p, false)
	}
	// The first and last labels grow inwards: a time is wider than the margin.
	c.XTicks = []tick{{X: c.Left, Y: c.Base, Label: stamp(t0), Anchor: "start"}, {X: c.Right, Y: c.Base, Label: stamp(now), Anchor: "end"}}
	c.placeLabels()
	return c
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", v) }

// stamp prints a time in UTC, so that the page reads the same anywhere.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
