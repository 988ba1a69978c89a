package journal

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestOpText: every op round-trips through its name, and an unknown name
// or an invalid Op is refused with ErrUnknownOp.
func TestOpText(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range Ops() {
		text, err := o.MarshalText()
		if err != nil {
			t.Fatalf("%v: MarshalText: %v", o, err)
		}
		if string(text) != o.String() || seen[o.String()] {
			t.Errorf("%v: text %q, or a name used twice", o, text)
		}
		seen[o.String()] = true
		var back Op
		if err := back.UnmarshalText(text); err != nil || back != o {
			t.Errorf("%q: UnmarshalText = %v, %v; want %v", text, back, err, o)
		}
	}
	if len(seen) != 8 {
		t.Errorf("%d ops, want 8: the package doc and apply's readHistory list them all", len(seen))
	}
	for _, name := range []string{"", "wipe", "Write", "remove", " write"} {
		var o Op
		err := o.UnmarshalText([]byte(name))
		if !errors.Is(err, ErrUnknownOp) || !strings.Contains(err.Error(), `"`+name+`"`) {
			t.Errorf("UnmarshalText(%q) = %v; want ErrUnknownOp naming it", name, err)
		}
	}
	for _, o := range []Op{0, OpVerify + 1, 255} {
		if _, err := o.MarshalText(); !errors.Is(err, ErrUnknownOp) {
			t.Errorf("MarshalText(%v) = %v; want ErrUnknownOp", o, err)
		}
	}
}

// TestRecordJSON pins the bytes of a record on disk: the op is its name,
// as it was when Op was a plain string.
func TestRecordJSON(t *testing.T) {
	r := Record{Seq: 2, Time: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC), Op: OpWrite, Phase: 1,
		Path: "a.go", Before: HashOf([]byte("old")), After: HashOf([]byte("new")), Mode: 0o644}
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","phase":1,"path":"a.go","before":"` +
		r.Before + `","after":"` + r.After + `","mode":420}`
	if string(got) != want {
		t.Errorf("record JSON\n got %s\nwant %s", got, want)
	}
}

// TestRecordsUnknownOp: a journal line with an op canonize does not know
// is corruption, and the error says which op.
func TestRecordsUnknownOp(t *testing.T) {
	s := lockedStore(t)
	if err := s.Append(Record{Op: OpBegin, Phase: 1}); err != nil {
		t.Fatal(err)
	}
	appendFile(t, s.journalPath(), `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"wipe","path":"a.go"}`+"\n")
	_, err := s.Records()
	if !errors.Is(err, ErrCorrupt) || !errors.Is(err, ErrUnknownOp) || !strings.Contains(err.Error(), `unknown op "wipe"`) {
		t.Fatalf("Records: %v; want ErrCorrupt and ErrUnknownOp naming \"wipe\"", err)
	}
}
