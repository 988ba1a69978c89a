package spec

import (
	"errors"
	"strings"
	"testing"
)

const benchHead = "version: 1\nverify_affected: true\n"

func TestBenchKey(t *testing.T) {
	s, err := Parse("c.yaml", []byte(benchHead+"bench:\n  pattern: Parse\n  packages: [./p]\n  count: 8\n  benchtime: 50ms\n  fail: 20\n  warn: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := s.Bench
	if !s.VerifyAffected || b == nil || b.Pattern != "Parse" || b.Packages[0] != "./p" || b.Count != 8 || b.BenchTime != "50ms" || b.Fail != 20 || b.Warn != 3 {
		t.Errorf("parsed %+v, verify_affected %v", b, s.VerifyAffected)
	}
}

func TestBenchKeyErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"bench:\n  packages: [./p]\n", "c.yaml:4:3: bench: no pattern"},
		{"bench:\n  pattern: X\n  count: -1\n", "cannot be negative"},
		{"bench:\n  pattern: X\n  treshold: 10\n", `unknown key "treshold" (known keys: pattern, packages, count, benchtime, fail, warn)`},
	} {
		_, err := Parse("c.yaml", []byte(benchHead+c.yaml))
		var se *Error
		if !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want a spec error with %q", c.yaml, err, c.want)
		}
	}
}
