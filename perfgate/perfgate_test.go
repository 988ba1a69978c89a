package perfgate

import (
	"errors"
	"math"
	"testing"
)

const output = `goos: linux
goarch: amd64
pkg: example.com/m/p
cpu: Some CPU
BenchmarkParse-2   	 1000000	      1000 ns/op	     16 B/op	       1 allocs/op
BenchmarkParse-2   	 1000000	      1010 ns/op	     16 B/op	       1 allocs/op
BenchmarkSub/size=10-2 	  500000	      2000 ns/op
PASS
ok  	example.com/m/p	3.1s
`

func TestParse(t *testing.T) {
	s := Samples{}
	if err := s.Add([]byte(output), "example.com/m/p"); err != nil {
		t.Fatal(err)
	}
	got := s[Key{"example.com/m/p", "BenchmarkParse"}]
	if len(got) != 2 || math.Abs(got[0]-1000e-9) > 1e-15 || math.Abs(got[1]-1010e-9) > 1e-15 {
		t.Errorf("BenchmarkParse samples %v", got)
	}
	if len(s[Key{"example.com/m/p", "BenchmarkSub/size=10"}]) != 1 {
		t.Errorf("sub-benchmark not keyed by its full name: %v", s)
	}
}

func TestParseNoBenchmark(t *testing.T) {
	s := Samples{}
	if err := s.Add([]byte("PASS\nok  \texample.com/m/p\t0.1s\n"), "example.com/m/p"); err != nil || len(s) != 0 {
		t.Fatalf("Add of output without results: %v, %v", s, err)
	}
}

func samples(base float64, spread ...float64) []float64 {
	var out []float64
	for _, s := range spread {
		out = append(out, base*(1+s))
	}
	return out
}

var noise = []float64{-0.03, 0.01, 0.02, -0.01, 0.03, 0}

func TestCompareVerdicts(t *testing.T) {
	o, err := Options{Pattern: "."}.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	k := Key{"p", "BenchmarkX"}
	for _, c := range []struct {
		name  string
		after float64
		want  Verdict
	}{
		{"noise", 1.0, Same},
		{"within noise", 1.01, Same},
		{"slower past fail", 1.30, Slower},
		{"slower past warn", 1.075, Warn},
		{"faster", 0.7, Faster},
	} {
		before := Samples{k: samples(1e-6, noise...)}
		after := Samples{k: samples(c.after*1e-6, 0.005, -0.005, 0.004, -0.004, 0.002, -0.002)}
		if c.name == "noise" || c.name == "within noise" {
			after = Samples{k: samples(c.after*1e-6, noise[3], noise[1], noise[5], noise[0], noise[4], noise[2])}
		}
		ds, err := Compare(before, after, o)
		if err != nil {
			t.Fatal(err)
		}
		if ds[0].Verdict != c.want {
			t.Errorf("%s: verdict %s (change %+.1f%%, p %.3f), want %s", c.name, ds[0].Verdict, ds[0].Change, ds[0].P, c.want)
		}
	}
}

func TestCompareMissing(t *testing.T) {
	o, _ := Options{Pattern: "."}.Defaults()
	k := Key{"p", "BenchmarkGone"}
	_, err := Compare(Samples{k: samples(1, noise...)}, Samples{}, o)
	var me *MissingError
	if !errors.As(err, &me) || me.Keys[0] != k {
		t.Fatalf("Compare with a benchmark gone: %v", err)
	}
}

func TestDefaultsRefuse(t *testing.T) {
	for _, o := range []Options{{}, {Pattern: ".", Count: 3}, {Pattern: ".", Warn: 20, Fail: 10}} {
		if _, err := o.Defaults(); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
