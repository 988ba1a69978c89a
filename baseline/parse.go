package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// parser reads a baseline token by token, so that every error can name
// the line of the key or list element it is about: encoding/json alone
// gives no position for an unknown field or a value out of range.
type parser struct {
	name string
	data []byte
	dec  *json.Decoder
}

// errAt is an *Error at the first token at or after byte offset off.
func (p *parser) errAt(off int64, err error, format string, args ...any) *Error {
	return &Error{File: p.name, Line: p.line(off), Msg: fmt.Sprintf(format, args...), Err: err}
}

// lineOf is the line of byte offset off itself.
func (p *parser) lineOf(off int64) int {
	i := int(min(max(off, 0), int64(len(p.data))))
	return 1 + bytes.Count(p.data[:i], []byte("\n"))
}

// line is the line of the first token at or after off (the decoder's
// offsets stop before the separator and space in front of a token).
func (p *parser) line(off int64) int {
	i := int(min(max(off, 0), int64(len(p.data))))
	for i < len(p.data) && bytes.IndexByte([]byte(" \t\r\n,:"), p.data[i]) >= 0 {
		i++
	}
	i = min(i, len(p.data))
	if i == len(p.data) && i > 0 && p.data[i-1] == '\n' {
		i-- // the end of the file is on its last line
	}
	return 1 + bytes.Count(p.data[:i], []byte("\n"))
}

// syntax turns a decoding error into an *Error at its offset.
func (p *parser) syntax(err error, off int64) *Error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// The offset is just past the offending byte, which may be a
		// separator: take its own line.
		return &Error{File: p.name, Line: p.lineOf(se.Offset - 1), Msg: "not a baseline: invalid JSON: " + se.Error(), Err: err}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return p.errAt(int64(len(p.data)), err, "not a baseline: the JSON ends early")
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "the value"
		}
		return p.errAt(off, err, "%s: want %s, not a JSON %s", field, te.Type, te.Value)
	}
	return p.errAt(off, err, "%s", err.Error())
}

// delim reads the delimiter want.
func (p *parser) delim(want json.Delim, what string) error {
	off := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntax(err, off)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return p.errAt(off, nil, "not a baseline: %s must be a JSON %s", what, map[json.Delim]string{'{': "object", '[': "list"}[want])
	}
	return nil
}

// file reads the top-level object.
func (p *parser) file() (*File, error) {
	if err := p.delim('{', "the file"); err != nil {
		return nil, err
	}
	f := &File{}
	seen := map[string]int64{}
	for p.dec.More() {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.syntax(err, off)
		}
		key, _ := tok.(string)
		if _, dup := seen[key]; dup {
			return nil, p.errAt(off, nil, "%q given twice", key)
		}
		seen[key] = off
		if err := p.field(f, key, off); err != nil {
			return nil, err
		}
	}
	if err := p.delim('}', "the file"); err != nil {
		return nil, err
	}
	if off := p.dec.InputOffset(); len(bytes.TrimSpace(p.data[off:])) > 0 {
		return nil, p.errAt(off, nil, "not a baseline: text after the JSON object")
	}
	for _, k := range []string{"version", "spec", "sites"} {
		if _, ok := seen[k]; !ok {
			return nil, p.errAt(0, nil, "not a baseline: no %q", k)
		}
	}
	f.specLine = p.line(seen["spec"])
	return f, nil
}

// field reads the value of one top-level key.
func (p *parser) field(f *File, key string, off int64) error {
	switch key {
	case "version":
		if err := p.value(&f.Version, off, false); err != nil {
			err.Msg = "version: " + err.Msg
			return err
		}
		if f.Version != Version {
			return p.errAt(off, nil, "version %d: this canonize reads version %d", f.Version, Version)
		}
	case "spec":
		if err := p.value(&f.Spec, off, true); err != nil {
			err.Msg = "spec: " + err.Msg
			return err
		}
		if !validHash(f.Spec.SHA256) {
			return p.errAt(off, nil, "spec: sha256 must be the sha256 of the spec's content (64 hex digits)")
		}
	case "sites":
		return p.sites(f)
	default:
		return p.errAt(off, nil, "unknown field %q (want version, spec and sites)", key)
	}
	return nil
}

// value decodes the next value into v; strict refuses unknown fields.
func (p *parser) value(v any, off int64, strict bool) *Error {
	var raw json.RawMessage
	if err := p.dec.Decode(&raw); err != nil {
		return p.syntax(err, off)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	if strict {
		d.DisallowUnknownFields()
	}
	if err := d.Decode(v); err != nil {
		return p.syntax(err, off)
	}
	return nil
}

// sites reads the list of entries, checking each.
func (p *parser) sites(f *File) error {
	if err := p.delim('[', "sites"); err != nil {
		return err
	}
	f.Sites = []Entry{}
	at := map[Key]bool{}
	for i := 0; p.dec.More(); i++ {
		off := p.dec.InputOffset()
		var e Entry
		if err := p.value(&e, off, true); err != nil {
			err.Msg = fmt.Sprintf("sites[%d]: %s", i, err.Msg)
			return err
		}
		if why := invalid(e); why != "" {
			return p.errAt(off, nil, "sites[%d]: %s", i, why)
		}
		if at[e.Key] {
			return p.errAt(off, nil, "sites[%d]: the same site as an earlier entry (give one entry with its count)", i)
		}
		at[e.Key] = true
		f.Sites = append(f.Sites, e)
	}
	return p.delim(']', "sites")
}

// invalid says what is wrong with an entry, or "".
func invalid(e Entry) string {
	switch {
	case e.Path == "" || e.Func == "" || e.Symbol == "":
		return "path, func and symbol must be given"
	case !validHash(e.TextSHA256):
		return "text_sha256 must be 64 hex digits"
	case e.Count < 1:
		return fmt.Sprintf("count %d: must be at least 1", e.Count)
	}
	return ""
}
