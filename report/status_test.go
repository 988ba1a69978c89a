package report

import (
	"strings"
	"testing"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/plan"
)

// Text from the journal reaches the terminal with its control
// characters escaped: an escape sequence in a note is not run.
func TestStatusEscapesControlCharacters(t *testing.T) {
	st := &apply.State{
		Phases: []apply.PhaseState{{Number: 1, Name: "exports", State: apply.Applied, Files: 1, Note: "ok\x1b]2;pwned\x07"}},
		Lock:   "pid 1 \x1b[31mred",
	}
	var b strings.Builder
	if err := WriteStatus(&b, st, &plan.Plan{}, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("control characters printed raw: %q", out)
	}
	for _, want := range []string{`ok\x1b]2;pwned\x07`, `pid 1 \x1b[31mred`} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
