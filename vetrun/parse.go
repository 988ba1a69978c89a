package vetrun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// output is what go vet printed in one configuration.
type output struct {
	findings []Finding // Configs unset; one per diagnostic, duplicates kept
	pkgErrs  []PackageError
}

// tree is one JSON object go vet -json prints: package ID -> analyzer
// name -> a list of diagnostics, or {"error": "..."}.
type tree map[string]map[string]json.RawMessage

// The shapes of unitchecker's JSON diagnostics.
type (
	jsonDiagnostic struct {
		Category string    `json:"category"`
		Posn     string    `json:"posn"`
		Message  string    `json:"message"`
		Fixes    []jsonFix `json:"suggested_fixes"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonError struct {
		Error string `json:"error"`
	}
)

// parse reads both of go vet's streams: where JSON appears has changed
// between Go releases, and type errors come as "# pkg" text blocks.
func parse(dir, config string, stdout, stderr []byte) (*output, error) {
	p := &parser{dir: dir, config: config, out: &output{}}
	for _, stream := range [][]byte{stdout, stderr} {
		if err := p.stream(stream); err != nil {
			return nil, err
		}
	}
	return p.out, nil
}

// parser accumulates one configuration's output.
type parser struct {
	dir, config string
	out         *output
	block       *PackageError // the "# pkg" block being read, if any
}

// stream decodes each JSON object where one starts and reads the rest
// line by line.
func (p *parser) stream(data []byte) error {
	for len(data) > 0 {
		if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
			dec := json.NewDecoder(bytes.NewReader(trimmed))
			var t tree
			if dec.Decode(&t) == nil {
				p.endBlock()
				if err := p.tree(t); err != nil {
					return err
				}
				data = trimmed[dec.InputOffset():]
				continue
			}
			// Not one of ours (a "{" in an error message): read it as text.
		}
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		p.line(string(bytes.TrimRight(line, "\r")))
		data = rest
	}
	p.endBlock()
	return nil
}

// line reads a text line: a "# pkg" header starts a package's errors,
// and the lines after it are those errors.
func (p *parser) line(s string) {
	if pkg, ok := strings.CutPrefix(s, "# "); ok {
		p.endBlock()
		p.block = &PackageError{Package: pkg, Config: p.config}
		return
	}
	if p.block == nil || strings.TrimSpace(s) == "" {
		return // outside a block: kept in stderr for the error, if the run fails
	}
	if p.block.Msg != "" {
		p.block.Msg += "\n"
	}
	p.block.Msg += s
}

func (p *parser) endBlock() {
	if p.block != nil && p.block.Msg != "" {
		p.out.pkgErrs = append(p.out.pkgErrs, *p.block)
	}
	p.block = nil
}

// tree reads one package tree, in a fixed order.
func (p *parser) tree(t tree) error {
	for _, pkg := range sortedKeys(t) {
		for _, analyzer := range sortedKeys(t[pkg]) {
			if err := p.analyzer(pkg, analyzer, t[pkg][analyzer]); err != nil {
				return fmt.Errorf("%s: %s: %w", pkg, analyzer, err)
			}
		}
	}
	return nil
}

// analyzer reads one analyzer's result for a package: its diagnostics,
// or the error it failed with.
func (p *parser) analyzer(pkg, analyzer string, raw json.RawMessage) error {
	if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 && trimmed[0] == '{' {
		var e jsonError
		if err := json.Unmarshal(trimmed, &e); err != nil {
			return err
		}
		p.out.pkgErrs = append(p.out.pkgErrs, PackageError{Package: pkg, Config: p.config, Msg: analyzer + ": " + e.Error, Analyzer: analyzer})
		return nil
	}
	var diags []jsonDiagnostic
	if err := json.Unmarshal(raw, &diags); err != nil {
		return err
	}
	for _, d := range diags {
		p.out.findings = append(p.out.findings, p.finding(pkg, analyzer, d))
	}
	return nil
}

func (p *parser) finding(pkg, analyzer string, d jsonDiagnostic) Finding {
	f := Finding{Analyzer: analyzer, Category: d.Category, Message: d.Message, Package: pkg}
	f.File, f.Line, f.Col = splitPosn(d.Posn)
	f.File = p.abs(f.File)
	for _, fx := range d.Fixes {
		fix := Fix{Message: fx.Message}
		for _, e := range fx.Edits {
			fix.Edits = append(fix.Edits, Edit{File: p.abs(e.Filename), Start: e.Start, End: e.End, New: e.New})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// abs makes a file name absolute: the go command gives absolute ones,
// but relative names would be relative to where it ran.
func (p *parser) abs(file string) string {
	if file == "" || filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(p.dir, file)
}

// splitPosn splits "file:line:col" from the right, so that a file name
// with colons in it (C:\...) survives; a missing line or column is 0.
func splitPosn(posn string) (file string, line, col int) {
	file = posn
	nums := make([]int, 0, 2)
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(file[i+1:])
		if err != nil {
			break
		}
		nums = append(nums, n)
		file = file[:i]
	}
	switch len(nums) {
	case 2:
		return file, nums[1], nums[0]
	case 1:
		return file, nums[0], 0
	}
	return file, 0, 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
