package journal

import (
	"reflect"
	"strings"
	"testing"
)

// A verify record reads back as written, benchmark deltas included.
func TestVerifyRecordRoundTrip(t *testing.T) {
	s := lockedStore(t)
	v := &Verification{Command: "go test ./...", Config: "linux/amd64", Exit: 1, Millis: 1234,
		Tail: "--- FAIL: TestX\n\x1b[31mred\x1b[0m", Selected: 3, Total: 9,
		Bench: []BenchDelta{{Name: "BenchmarkParse", Unit: "sec/op", Before: 1e-6, After: 1.2e-6, Delta: 20, P: 0.002, N: 6, Verdict: VerdictSlower}}}
	for _, r := range []Record{{Op: OpBegin, Phase: 2}, {Op: OpVerify, Phase: 2, Verify: v}} {
		if err := s.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1].Verify; !reflect.DeepEqual(got, v) {
		t.Errorf("read back %+v\nwant %+v", got, v)
	}
	data := readFile(t, s.journalPath())
	if !strings.Contains(data, `"op":"verify"`) || !strings.Contains(data, `"duration_ms":1234`) {
		t.Errorf("journal line:\n%s", data)
	}
}

// Append refuses what Records would refuse, so canonize never writes a
// journal it cannot read back.
func TestVerifyRecordAppendRefuses(t *testing.T) {
	s := lockedStore(t)
	for _, r := range []Record{
		{Op: OpVerify, Phase: 1},
		{Op: OpCommit, Phase: 1, Verify: &Verification{Command: "true"}},
		{Op: OpVerify, Phase: 1, Verify: &Verification{}},
		{Op: OpVerify, Phase: 1, Verify: &Verification{Command: "x", Tail: strings.Repeat("a", maxTail+1)}},
		{Op: OpVerify, Phase: 1, Verify: &Verification{Command: "x", Selected: 4, Total: 3}},
		{Op: OpVerify, Phase: 1, Verify: &Verification{Command: "x", Exit: -2}},
	} {
		if err := s.Append(r); err == nil {
			t.Errorf("Append(%+v) accepted", r.Verify)
		}
	}
}
