package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Record is one journal entry. The package doc lists the ops and the
// fields each carries.
type Record struct {
	Seq    int       `json:"seq"`              // assigned by Append: 1, 2, … in file order
	Time   time.Time `json:"time"`             // set by Append when zero
	Op     Op        `json:"op"`               // what happened; one of the Op constants
	Phase  int       `json:"phase,omitempty"`  // the plan phase
	Path   string    `json:"path,omitempty"`   // slash path relative to Root
	Before string    `json:"before,omitempty"` // snapshot hash of the content before; "" if the file did not exist
	After  string    `json:"after,omitempty"`  // snapshot hash of the content canonize wrote; "" for a removal
	Mode   uint32    `json:"mode,omitempty"`   // the file's fs.FileMode bits before
	Note   string    `json:"note,omitempty"`   // free text for people
	// Spec and SpecHash, on a begin record, name the spec the phase was
	// planned from (slash path relative to Root, or absolute when it
	// lies outside) and the sha256 of its content: status and rollback
	// need no -f, and a spec changed since is named.
	Spec     string `json:"spec,omitempty"`
	SpecHash string `json:"spec_sha256,omitempty"`
	// Share, on a begin record, names the owner group whose files alone
	// the run applies (apply --owner); empty for a whole phase.
	Share string `json:"share,omitempty"`
	// ComplianceBefore and ComplianceAfter, on a begin record, are the
	// compliance in percent that the plan measured before the phase and
	// projected once it is kept: the report draws the burndown over
	// time from them. Pointers, because 0% is a value and a journal
	// written before they were recorded has none.
	ComplianceBefore *float64 `json:"compliance_before,omitempty"`
	ComplianceAfter  *float64 `json:"compliance_after,omitempty"`
	// Verify, on a verify record and only there, is one verification
	// command's result.
	Verify *Verification `json:"verify,omitempty"`
}

// check validates the fields a caller sets; Append and Records use it.
func (r *Record) check() error {
	if r.Op == 0 {
		return errors.New("no op")
	}
	if !r.Op.valid() {
		return fmt.Errorf("%w: %v", ErrUnknownOp, r.Op)
	}
	if r.Path != "" {
		if err := checkRel(r.Path); err != nil {
			return fmt.Errorf("path %q: %w", r.Path, err)
		}
	}
	if r.Before != "" && !validHash(r.Before) {
		return fmt.Errorf("before %q: not a sha256 hex hash", r.Before)
	}
	if r.SpecHash != "" && !validHash(r.SpecHash) {
		return fmt.Errorf("spec_sha256 %q: not a sha256 hex hash", r.SpecHash)
	}
	if r.Spec != "" && !filepath.IsAbs(r.Spec) {
		if err := checkRel(r.Spec); err != nil {
			return fmt.Errorf("spec %q: %w", r.Spec, err)
		}
	}
	if r.After != "" && !validHash(r.After) {
		return fmt.Errorf("after %q: not a sha256 hex hash", r.After)
	}
	for _, c := range []*float64{r.ComplianceBefore, r.ComplianceAfter} {
		// Written as !(in range) so that NaN is refused too.
		if c != nil && !(*c >= 0 && *c <= 100) {
			return fmt.Errorf("compliance %v: not a percentage", *c)
		}
	}
	if (r.Op == OpVerify) != (r.Verify != nil) {
		return errors.New("a verify record, and only one, carries a verification result")
	}
	if r.Verify != nil {
		if err := r.Verify.check(); err != nil {
			return err
		}
	}
	if r.Phase < 0 {
		return fmt.Errorf("phase %d: not a phase", r.Phase)
	}
	// A source file's mode is its permission bits: a record asking for
	// setuid, setgid, sticky or a file type was not written by canonize.
	if m := fs.FileMode(r.Mode); m&^fs.ModePerm != 0 {
		return fmt.Errorf("mode %v: more than permission bits", m)
	}
	return nil
}

func (s *Store) journalPath() string { return filepath.Join(s.state(), journalName) }

// Append adds r to the journal, setting r.Seq (any value the caller set
// is replaced) and r.Time if zero. The record is on disk when Append
// returns nil.
func (s *Store) Append(r Record) error {
	if err := r.check(); err != nil {
		return fmt.Errorf("journal: append %s: %w", r.Op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fl == nil {
		return ErrNotLocked
	}
	if s.jerr != nil {
		return fmt.Errorf("journal: append: an earlier append failed: %w", s.jerr)
	}
	if s.jf == nil {
		if err := s.openJournal(); err != nil {
			return fmt.Errorf("journal: append: %w", err)
		}
	}
	r.Seq = s.nextSeq
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("journal: append: %w", err)
	}
	if _, err := s.jf.Write(append(line, '\n')); err != nil {
		s.jerr = err
		return fmt.Errorf("journal: append: %w", err)
	}
	if err := s.jf.Sync(); err != nil {
		s.jerr = err
		return fmt.Errorf("journal: append: %w", err)
	}
	s.nextSeq++
	return nil
}

// openJournal prepares appending (s.mu held, lock held): it verifies the
// existing records, cuts off a partial last line left by a crash (a line
// without its newline never counted), and opens the file for append.
func (s *Store) openJournal() error {
	p := s.journalPath()
	if err := checkStateFile(p); err != nil {
		return err
	}
	data, err := os.ReadFile(p)
	existed := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	recs, complete, err := parseRecords(p, data)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if complete < len(data) {
		if err := f.Truncate(int64(complete)); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
	}
	if !existed {
		if err := syncDir(s.state()); err != nil {
			f.Close()
			return err
		}
	}
	s.jf, s.nextSeq = f, 1
	if len(recs) > 0 {
		s.nextSeq = recs[len(recs)-1].Seq + 1
	}
	return nil
}

// Records returns every record in the journal, in order (none if there is
// no journal yet). A partial last line, left by a crash mid-append, is
// ignored; any other invalid line is an ErrCorrupt error naming it.
func (s *Store) Records() ([]Record, error) {
	p := s.journalPath()
	if err := checkStateFile(p); err != nil {
		return nil, fmt.Errorf("journal: read: %w", err)
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: read %s: %w", p, err)
	}
	recs, _, err := parseRecords(p, data)
	return recs, err
}

// parseRecords parses the journal file p's data. complete is the length
// of the prefix made of whole lines; bytes after it are a partial line.
func parseRecords(p string, data []byte) (recs []Record, complete int, err error) {
	complete = bytes.LastIndexByte(data, '\n') + 1
	prev := 0
	rest := data[:complete]
	for n := 1; len(rest) > 0; n++ {
		i := bytes.IndexByte(rest, '\n')
		line := rest[:i]
		rest = rest[i+1:]
		var r Record
		if err := decodeRecord(line, &r); err != nil {
			return nil, 0, fmt.Errorf("journal: %s:%d: %w: %w", p, n, ErrCorrupt, err)
		}
		if r.Seq <= prev {
			return nil, 0, fmt.Errorf("journal: %s:%d: %w: seq %d after %d", p, n, ErrCorrupt, r.Seq, prev)
		}
		prev = r.Seq
		recs = append(recs, r)
	}
	return recs, complete, nil
}

func decodeRecord(line []byte, r *Record) error {
	if len(line) == 0 {
		return errors.New("empty line")
	}
	if err := uniqueKeys(line); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the record")
	}
	return r.check()
}

// uniqueKeys refuses a record naming a field twice, at any depth:
// encoding/json would keep the last value, so an appended duplicate
// could override what canonize wrote.
func uniqueKeys(line []byte) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	return uniqueIn(dec, '{')
}

// uniqueIn reads the rest of an object or array whose opening
// delimiter dec has just read, refusing a key given twice in it or in
// anything nested.
func uniqueIn(dec *json.Decoder, open json.Delim) error {
	seen := map[string]bool{}
	for dec.More() {
		if open == '{' {
			t, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := t.(string)
			if seen[key] {
				return fmt.Errorf("field %q given twice", key)
			}
			seen[key] = true
		}
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if err := uniqueIn(dec, d); err != nil {
				return err
			}
		}
	}
	_, err := dec.Token() // the closing delimiter
	return err
}
