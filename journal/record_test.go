package journal

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func appendFile(t *testing.T, p, data string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
}

func TestAppendRecords(t *testing.T) {
	s := lockedStore(t)
	if recs, err := s.Records(); err != nil || len(recs) != 0 {
		t.Fatalf("Records of a new store: %v, %v", recs, err)
	}
	before, after := HashOf([]byte("old")), HashOf([]byte("new"))
	when := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	in := []Record{
		{Op: OpBegin, Phase: 1, Note: "canonize apply", Time: when},
		{Seq: 99, Op: OpWrite, Phase: 1, Path: "a/b.go", Before: before, After: after, Mode: 0o644, Note: "line\nbreak"},
		{Op: OpCommit, Phase: 1},
	}
	for _, r := range in {
		if err := s.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(in) {
		t.Fatalf("got %d records, want %d", len(recs), len(in))
	}
	for i, r := range recs {
		want := in[i]
		want.Seq = i + 1
		if want.Time.IsZero() {
			if r.Time.IsZero() || time.Since(r.Time) > time.Minute {
				t.Errorf("record %d: Time %v not set to now", i, r.Time)
			}
			want.Time = r.Time
		}
		if !r.Time.Equal(want.Time) {
			t.Errorf("record %d: Time %v, want %v", i, r.Time, want.Time)
		}
		r.Time, want.Time = time.Time{}, time.Time{}
		if r != want {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, r, want)
		}
	}
	data := readFile(t, s.journalPath())
	if n := strings.Count(data, "\n"); n != 3 || !strings.HasSuffix(data, "\n") {
		t.Errorf("journal has %d lines, want 3 JSON lines:\n%s", n, data)
	}
}

// TestSeqContinues checks that another Store (a later process) goes on
// numbering where the file ends.
func TestSeqContinues(t *testing.T) {
	dir := t.TempDir()
	for run := range 2 {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		unlock, err := s.Lock("test")
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := s.Append(Record{Op: OpWrite, Note: "run"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := unlock(); err != nil {
			t.Fatal(err)
		}
		recs, err := s.Records()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2*(run+1) {
			t.Fatalf("run %d: %d records", run, len(recs))
		}
		for i, r := range recs {
			if r.Seq != i+1 {
				t.Errorf("run %d: record %d has Seq %d", run, i, r.Seq)
			}
		}
	}
}

func TestRecordsTruncatedLastLine(t *testing.T) {
	s := lockedStore(t)
	for _, op := range []Op{OpBegin, OpWrite} {
		if err := s.Append(Record{Op: op}); err != nil {
			t.Fatal(err)
		}
	}
	// A crash mid-append: part of a line, no newline. A complete-looking
	// record without its newline does not count either.
	for _, tail := range []string{`{"seq":3,"time":"2026-`, `{"seq":3,"time":"2026-11-03T10:00:00Z","op":"commit"}`} {
		data := readFile(t, s.journalPath())
		appendFile(t, s.journalPath(), tail)
		recs, err := s.Records()
		if err != nil {
			t.Fatalf("tail %q: %v", tail, err)
		}
		if len(recs) != 2 || recs[1].Op != OpWrite {
			t.Fatalf("tail %q: got %+v, want the 2 complete records", tail, recs)
		}
		if err := os.WriteFile(s.journalPath(), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The next process's first Append cuts the partial line off, so it
	// does not become a corrupt middle line.
	appendFile(t, s.journalPath(), `{"seq":3,"ti`)
	s2, err := Open(s.Root)
	if err != nil {
		t.Fatal(err)
	}
	s.unlock(s.fl)
	unlock, err := s2.Lock("test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := s2.Append(Record{Op: OpCommit}); err != nil {
		t.Fatal(err)
	}
	recs, err := s2.Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[2].Op != OpCommit || recs[2].Seq != 3 {
		t.Fatalf("after append over a partial line: %+v", recs)
	}
}

func TestRecordsCorrupt(t *testing.T) {
	for _, c := range []struct {
		name, line string
	}{
		{"garbage", "not json"},
		{"empty line", ""},
		{"unknown field", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","colour":"red"}`},
		{"no op", `{"seq":2,"time":"2026-11-03T10:00:00Z"}`},
		{"seq not increasing", `{"seq":1,"time":"2026-11-03T10:00:00Z","op":"write"}`},
		{"bad hash", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","before":"../../x"}`},
		{"bad path", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","path":"../x"}`},
		{"two records", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"begin"}{"seq":3,"time":"2026-11-03T10:00:00Z","op":"commit"}`},
		{"unknown op", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"wipe","path":"a.go"}`},
		{"empty op", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":""}`},
		{"op not a string", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":2}`},
		{"negative phase", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","phase":-5,"path":"a.go"}`},
		{"setuid mode", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"write","path":"a.go","mode":8389119}`},
		{"verify without a result", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","phase":1}`},
		{"a result on a commit", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"commit","verify":{"command":"true","exit":0,"duration_ms":1}}`},
		{"result field twice", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"true","exit":0,"exit":1,"duration_ms":1}}`},
		{"unknown result field", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"true","exit":0,"duration_ms":1,"passed":true}}`},
		{"negative duration", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"true","exit":0,"duration_ms":-1}}`},
		{"unknown stage", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"true","exit":0,"duration_ms":1,"stage":"later"}}`},
		{"unknown verdict", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"b","exit":0,"duration_ms":1,"bench":[{"name":"BenchmarkX","unit":"sec/op","before":1,"after":2,"delta_pct":100,"p":0.01,"n":6,"verdict":"great"}]}}`},
		{"bench field twice", `{"seq":2,"time":"2026-11-03T10:00:00Z","op":"verify","verify":{"command":"b","exit":0,"duration_ms":1,"bench":[{"name":"BenchmarkX","name":"BenchmarkY","unit":"sec/op","before":1,"after":2,"delta_pct":100,"p":0.01,"n":6,"verdict":"ok"}]}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := lockedStore(t)
			if err := s.Append(Record{Op: OpBegin}); err != nil {
				t.Fatal(err)
			}
			appendFile(t, s.journalPath(), c.line+"\n")
			if err := s.Append(Record{Op: OpCommit}); err != nil {
				t.Fatal(err)
			}
			_, err := s.Records()
			want := s.journalPath() + ":2:"
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), want) {
				t.Fatalf("Records: %v; want ErrCorrupt naming %s", err, want)
			}
			// A later Store refuses to append to a corrupt journal.
			s.unlock(s.fl)
			unlock, err := s.Lock("test")
			if err != nil {
				t.Fatal(err)
			}
			defer unlock()
			if err := s.Append(Record{Op: OpCommit}); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Append to a corrupt journal: %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestAppendRefusesInvalid(t *testing.T) {
	s := lockedStore(t)
	for _, r := range []Record{
		{},
		{Op: Op(200)},
		{Op: OpWrite, Path: "../x"},
		{Op: OpWrite, Path: "/etc/passwd"},
		{Op: OpWrite, Before: "abc"},
		{Op: OpWrite, After: strings.Repeat("g", 64)},
		{Op: OpBegin, ComplianceBefore: ptr(-1.0)},
		{Op: OpBegin, ComplianceAfter: ptr(100.5)},
		{Op: OpBegin, ComplianceAfter: ptr(math.NaN())},
	} {
		if err := s.Append(r); err == nil {
			t.Errorf("Append(%+v): no error", r)
		}
	}
	if _, err := os.Stat(filepath.Join(s.Root, ".canonize", "journal.jsonl")); err == nil {
		t.Error("invalid records created the journal")
	}
}

// TestRecordFieldTwice: a record naming a field twice is corrupt, not
// read with its last value (an appended duplicate could override a
// snapshot hash canonize wrote).
func TestRecordFieldTwice(t *testing.T) {
	var r Record
	line := []byte(`{"seq":1,"time":"2026-12-03T00:00:00Z","op":"begin","phase":1,"phase":2}`)
	if err := decodeRecord(line, &r); err == nil || !strings.Contains(err.Error(), `field "phase" given twice`) {
		t.Errorf("decodeRecord: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestComplianceRoundTrips: the compliance a begin record carries reads
// back as written, 0% included; a record without it reads back nil.
func TestComplianceRoundTrips(t *testing.T) {
	s := lockedStore(t)
	for _, r := range []Record{
		{Op: OpBegin, Phase: 1, Note: "exports", ComplianceBefore: ptr(0.0), ComplianceAfter: ptr(25.6)},
		{Op: OpBegin, Phase: 2, Note: "production"},
	} {
		if err := s.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if b, a := recs[0].ComplianceBefore, recs[0].ComplianceAfter; b == nil || *b != 0 || a == nil || *a != 25.6 {
		t.Errorf("record 1: compliance %v -> %v, want 0 -> 25.6", b, a)
	}
	if recs[1].ComplianceBefore != nil || recs[1].ComplianceAfter != nil {
		t.Errorf("record 2: compliance set though none was written")
	}
}
