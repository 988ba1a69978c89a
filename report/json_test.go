package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/canonize/canonize/plan"
)

// TestJSONListsNeverNull: an empty phase and a plan without sites print
// their lists as [], and rendering leaves the plan as it was.
func TestJSONListsNeverNull(t *testing.T) {
	p := &plan.Plan{Phases: []*plan.Phase{{Number: 1, Name: "exports"}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"files": []`, `"sites": []`, `"by_package": []`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("plan JSON lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "null") {
		t.Errorf("plan JSON has a null:\n%s", b.String())
	}
	if p.Phases[0].Files != nil || p.Sites != nil {
		t.Error("WriteJSON changed the plan")
	}
	b.Reset()
	if err := WriteCheckJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"sites": []`) {
		t.Errorf("check JSON:\n%s", b.String())
	}
}
