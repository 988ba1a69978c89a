package baseline

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Error is a baseline file that cannot be used: it does not parse, or a
// field is unknown, missing or out of range. Line is the line of the
// culprit, 0 when no line is meaningful (the file cannot be read).
type Error struct {
	File string
	Line int
	Msg  string
	Err  error // the cause, if any
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// SpecError says a baseline was made with another spec than the one
// checked against: the sites it records may not be the sites this spec
// finds.
type SpecError struct {
	File       string
	Line       int    // of the "spec" key
	Have, Want Spec   // the baseline's spec, the spec checked against
	SpecPath   string // the file Want was read from
}

func (e *SpecError) Error() string {
	what := "made with spec " + quoteName(e.Have.Name) + ", not " + e.SpecPath + " (" + quoteName(e.Want.Name) + ")"
	if e.Have.Name == e.Want.Name {
		what = "made with another version of " + e.SpecPath + " (sha256 " + short(e.Have.SHA256) + ", now " + short(e.Want.SHA256) + ")"
	}
	return fmt.Sprintf("%s:%d: %s: make it again with canonize baseline -o %s", e.File, e.Line, what, e.File)
}

func quoteName(s string) string { return fmt.Sprintf("%q", s) }

func short(h string) string { return h[:min(len(h), 12)] }

// CheckSpec returns a *SpecError unless f was made with spec want, read
// from specPath.
func (f *File) CheckSpec(want Spec, specPath string) error {
	if f.Spec == want {
		return nil
	}
	return &SpecError{File: f.name, Line: max(f.specLine, 1), Have: f.Spec, Want: want, SpecPath: specPath}
}

// Encode writes f as indented JSON.
func Encode(w io.Writer, f *File) error {
	out := *f
	if out.Sites == nil {
		out.Sites = []Entry{}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// Save writes f to path all at once (a temporary file in the same
// directory, synced, then renamed), so that a failure leaves whatever
// was at path as it was.
func Save(path string, f *File) error {
	var buf bytes.Buffer
	if err := Encode(&buf, f); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	return nil
}

// Load reads and parses the baseline at path; every error is an *Error.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return nil, &Error{File: path, Msg: msg, Err: err}
	}
	return Parse(path, data)
}

// Parse parses a baseline named name; every error is an *Error.
func Parse(name string, data []byte) (*File, error) {
	p := &parser{name: name, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	f, err := p.file()
	if err != nil {
		return nil, err
	}
	f.name = name
	return f, nil
}

func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}
