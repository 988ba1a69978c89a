package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// source returns the text of file j of package i: a small enum, a record
// type, a parser, optional formatting and filtering helpers, a Score
// function that calls into some of the package's imports, and, in the
// affected files, a function that calls websocket.OpenManager(ctx, id).
// It is gofmt-clean and type-checks; every identifier carries the file
// number so that the files of a package do not collide.
func (m *module) source(i, j int) []byte {
	p := &m.pkgs[i]
	r := rand.New(rand.NewPCG(m.seed, uint64(p.first+j)<<8|0x5c))
	f := &file{m: m, p: p, j: j, r: r, deps: m.fileDeps(r, p, j)}
	// At most one optional part, so files run from about 50 to 80 lines.
	switch r.IntN(4) {
	case 1:
		f.kind = true
	case 2:
		f.summarize = true
	case 3:
		f.filter = true
	}
	f.parseFields = r.IntN(2) == 0
	f.clamp = r.IntN(2) == 0
	f.calls = p.calls[j]
	return f.text()
}

// fileDeps picks the imports file j uses: all of them in file 0 (so the
// package really depends on each), a non-empty subset elsewhere.
func (m *module) fileDeps(r *rand.Rand, p *pkg, j int) []int {
	if j == 0 || len(p.deps) <= 1 {
		return p.deps
	}
	var deps []int
	for _, d := range p.deps {
		if r.IntN(2) == 0 {
			deps = append(deps, d)
		}
	}
	if len(deps) == 0 {
		deps = []int{p.deps[r.IntN(len(p.deps))]}
	}
	return deps
}

type file struct {
	m    *module
	p    *pkg
	j    int
	r    *rand.Rand
	deps []int
	b    bytes.Buffer

	kind, summarize, filter, parseFields, clamp, calls bool
}

// pf writes a line, substituting the file's identifiers: @ is the file
// number, so "Record@" is Record3 in file 3.
func (f *file) pf(format string, args ...any) {
	format = strings.ReplaceAll(format, "@", fmt.Sprint(f.j))
	fmt.Fprintf(&f.b, format, args...)
	f.b.WriteByte('\n')
}

func (f *file) text() []byte {
	f.header()
	if f.kind {
		f.kindType()
	}
	f.recordType()
	if f.parseFields {
		f.parseKV()
	} else {
		f.parseColon()
	}
	if f.summarize {
		f.summarizeFunc()
	}
	if f.filter {
		f.filterFunc()
	}
	f.scoreFunc()
	f.labelFunc()
	if f.calls {
		f.notifyFunc()
	}
	return f.b.Bytes()
}

func (f *file) header() {
	if f.j == 0 {
		f.pf("// Package %s is a layer-%d package of the synthetic benchmark module:", f.p.name, f.p.layer)
		if len(f.p.deps) == 0 {
			f.pf("// it parses, scores and formats records with the standard library only.")
		} else {
			f.pf("// it parses, scores and formats records, building on %d lower package(s).", len(f.p.deps))
		}
	}
	f.pf("package %s", f.p.name)
	f.pf("")
	std := []string{"fmt", "strconv", "strings"}
	if f.calls {
		std = append(std, "context")
	}
	if f.summarize || f.filter {
		std = append(std, "slices")
	}
	var local []string
	for _, d := range f.deps {
		local = append(local, f.m.pkgs[d].path())
	}
	if f.calls {
		local = append(local, modulePath+"/websocket")
	}
	slices.Sort(std)
	slices.Sort(local)
	f.pf("import (")
	for _, s := range std {
		f.pf("\t%q", s)
	}
	if len(local) > 0 {
		f.pf("")
		for _, s := range local {
			f.pf("\t%q", s)
		}
	}
	f.pf(")")
	f.pf("")
}

func (f *file) kindType() {
	f.pf("// Kind@ classifies a Record@ by its count.")
	f.pf("type Kind@ int")
	f.pf("")
	f.pf("const (")
	f.pf("\tKind@Unknown Kind@ = iota")
	f.pf("\tKind@Small")
	f.pf("\tKind@Large")
	f.pf(")")
	f.pf("")
	f.pf("// String returns the name of k.")
	f.pf("func (k Kind@) String() string {")
	f.pf("\tswitch k {")
	f.pf("\tcase Kind@Small:")
	f.pf("\t\treturn %q", pick(f.r, "small", "low", "minor", "light"))
	f.pf("\tcase Kind@Large:")
	f.pf("\t\treturn %q", pick(f.r, "large", "high", "major", "heavy"))
	f.pf("\t}")
	f.pf("\treturn \"unknown\"")
	f.pf("}")
	f.pf("")
}

func (f *file) recordType() {
	f.pf("// Record@ is one parsed %s.", pick(f.r, "entry", "event", "row", "sample"))
	f.pf("type Record@ struct {")
	f.pf("\tName  string")
	f.pf("\tCount int")
	if f.kind {
		f.pf("\tKind  Kind@")
	}
	f.pf("\tTags  []string")
	f.pf("}")
	f.pf("")
}

// setKind writes the classification of rec in the parsers.
func (f *file) setKind(indent string) {
	if f.kind {
		f.pf("%srec.Kind = Kind@Small", indent)
		f.pf("%sif rec.Count > %d {", indent, 10+f.r.IntN(90))
		f.pf("%s\trec.Kind = Kind@Large", indent)
		f.pf("%s}", indent)
	}
}

func (f *file) parseColon() {
	f.pf("// Parse@ reads \"name:count[:tag,tag]\" lines, skipping malformed ones.")
	f.pf("func Parse@(lines []string) []Record@ {")
	f.pf("\tvar out []Record@")
	f.pf("\tfor _, line := range lines {")
	f.pf("\t\tparts := strings.SplitN(strings.TrimSpace(line), \":\", 3)")
	f.pf("\t\tif len(parts) < 2 {")
	f.pf("\t\t\tcontinue")
	f.pf("\t\t}")
	f.pf("\t\tn, err := strconv.Atoi(parts[1])")
	f.pf("\t\tif err != nil {")
	f.pf("\t\t\tcontinue")
	f.pf("\t\t}")
	f.pf("\t\trec := Record@{Name: parts[0], Count: n}")
	f.pf("\t\tif len(parts) == 3 {")
	f.pf("\t\t\trec.Tags = strings.Split(parts[2], \",\")")
	f.pf("\t\t}")
	f.setKind("\t\t")
	f.pf("\t\tout = append(out, rec)")
	f.pf("\t}")
	f.pf("\treturn out")
	f.pf("}")
	f.pf("")
}

func (f *file) parseKV() {
	f.pf("// Parse@ reads one record from \"key=value\" fields; unknown keys become tags.")
	f.pf("func Parse@(line string) (Record@, error) {")
	f.pf("\tvar rec Record@")
	f.pf("\tfor _, field := range strings.Fields(line) {")
	f.pf("\t\tkey, value, _ := strings.Cut(field, \"=\")")
	f.pf("\t\tswitch key {")
	f.pf("\t\tcase %q:", pick(f.r, "name", "id", "user", "key"))
	f.pf("\t\t\trec.Name = value")
	f.pf("\t\tcase %q:", pick(f.r, "count", "n", "hits", "size"))
	f.pf("\t\t\tn, err := strconv.Atoi(value)")
	f.pf("\t\t\tif err != nil {")
	f.pf("\t\t\t\treturn Record@{}, fmt.Errorf(\"parse %%q: %%w\", field, err)")
	f.pf("\t\t\t}")
	f.pf("\t\t\trec.Count = n")
	f.pf("\t\tdefault:")
	f.pf("\t\t\trec.Tags = append(rec.Tags, key)")
	f.pf("\t\t}")
	f.pf("\t}")
	f.setKind("\t")
	f.pf("\treturn rec, nil")
	f.pf("}")
	f.pf("")
}

func (f *file) summarizeFunc() {
	f.pf("// Summarize@ formats recs, one per line, %s.", pick(f.r, "largest first", "by name"))
	f.pf("func Summarize@(recs []Record@) string {")
	f.pf("\tsorted := slices.Clone(recs)")
	if f.r.IntN(2) == 0 {
		f.pf("\tslices.SortFunc(sorted, func(a, b Record@) int { return b.Count - a.Count })")
	} else {
		f.pf("\tslices.SortFunc(sorted, func(a, b Record@) int { return strings.Compare(a.Name, b.Name) })")
	}
	f.pf("\tvar b strings.Builder")
	f.pf("\tfor i, r := range sorted {")
	if f.kind {
		f.pf("\t\tfmt.Fprintf(&b, \"%%d. %%s (%%s) x%%d [%%s]\\n\", i+1, r.Name, r.Kind, r.Count, strings.Join(r.Tags, \" \"))")
	} else {
		f.pf("\t\tfmt.Fprintf(&b, \"%%d. %%s x%%d [%%s]\\n\", i+1, r.Name, r.Count, strings.Join(r.Tags, \" \"))")
	}
	f.pf("\t}")
	f.pf("\treturn b.String()")
	f.pf("}")
	f.pf("")
}

func (f *file) filterFunc() {
	f.pf("// Filter@ keeps the records with at least minCount and, if tag is set, that tag.")
	f.pf("func Filter@(recs []Record@, minCount int, tag string) []Record@ {")
	f.pf("\tvar out []Record@")
	f.pf("\tfor _, r := range recs {")
	f.pf("\t\tif r.Count < minCount {")
	f.pf("\t\t\tcontinue")
	f.pf("\t\t}")
	f.pf("\t\tif tag == \"\" || slices.Contains(r.Tags, tag) {")
	f.pf("\t\t\tout = append(out, r)")
	f.pf("\t\t}")
	f.pf("\t}")
	f.pf("\treturn out")
	f.pf("}")
	f.pf("")
}

func (f *file) scoreFunc() {
	f.pf("// Score@ weighs s by its letters and by what the lower layers make of it.")
	f.pf("func Score@(s string, n int) int {")
	f.pf("\ttotal := n")
	f.pf("\tfor i, c := range s {")
	f.pf("\t\ttotal += int(c) * (i + %d)", 1+f.r.IntN(9))
	f.pf("\t}")
	for _, d := range f.deps {
		dp := &f.m.pkgs[d]
		k := f.r.IntN(dp.files)
		switch f.r.IntN(3) {
		case 0:
			f.pf("\ttotal += %s.Score%d(s, total%%%d)", dp.name, k, 3+f.r.IntN(20))
		case 1:
			f.pf("\ttotal += len(%s.Label%d(total))", dp.name, k)
		case 2:
			f.pf("\ttotal ^= %s.Score%d(strings.ToUpper(s), n)", dp.name, k)
		}
	}
	if f.clamp {
		f.pf("\tswitch {")
		f.pf("\tcase total < 0:")
		f.pf("\t\ttotal = -total")
		f.pf("\tcase total > %d:", 1000+f.r.IntN(9000))
		f.pf("\t\ttotal /= %d", 2+f.r.IntN(5))
		f.pf("\t}")
	}
	f.pf("\treturn total %% %d", pick(f.r, 10007, 7919, 65521, 4099))
	f.pf("}")
	f.pf("")
}

func (f *file) labelFunc() {
	f.pf("// Label@ names the bucket of a score.")
	f.pf("func Label@(n int) string {")
	f.pf("\treturn fmt.Sprintf(\"%s.%d-%%04d\", n%%%d)", f.p.name, f.j, 50+f.r.IntN(200))
	f.pf("}")
}

func (f *file) notifyFunc() {
	f.pf("")
	f.pf("// Notify@ sends the labels of recs to the connections of user id.")
	f.pf("func Notify@(ctx context.Context, id string, recs []Record@) error {")
	f.pf("\tm := websocket.OpenManager(ctx, id)")
	f.pf("\tdefer m.Close()")
	f.pf("\tfor _, r := range recs {")
	f.pf("\t\tif err := m.Send(r.Name, Label@(Score@(r.Name, r.Count))); err != nil {")
	f.pf("\t\t\treturn fmt.Errorf(\"notify %%s: %%w\", id, err)")
	f.pf("\t\t}")
	f.pf("\t}")
	f.pf("\treturn nil")
	f.pf("}")
}

func pick[T any](r *rand.Rand, choices ...T) T { return choices[r.IntN(len(choices))] }

// websocketFiles is package websocket: the canonical constructor and the
// deprecated, inlinable one both tools migrate away from.
var websocketFiles = map[string]string{
	"manager.go": `// Package websocket delivers events to the connections of one user.
package websocket

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrClosed is returned by Send after Close.
var ErrClosed = errors.New("websocket: manager closed")

// Manager sends events to the connections of one user.
type Manager struct {
	ctx    context.Context
	userID string

	mu     sync.Mutex
	sent   []string
	closed bool
}

// NewWebSocketManager returns the manager of userID, bound to ctx.
func NewWebSocketManager(ctx context.Context, userID string) *Manager {
	return &Manager{ctx: ctx, userID: userID}
}

// UserID returns the user the manager belongs to.
func (m *Manager) UserID() string { return m.userID }

// Send delivers an event of type typ.
func (m *Manager) Send(typ, payload string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	if err := m.ctx.Err(); err != nil {
		return fmt.Errorf("send %s to %s: %w", typ, m.userID, err)
	}
	m.sent = append(m.sent, typ+": "+payload)
	return nil
}

// Sent returns the events delivered so far.
func (m *Manager) Sent() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.sent...)
}

// Close stops delivery; later Sends fail with ErrClosed.
func (m *Manager) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}
`,
	"open.go": `package websocket

import "context"

// OpenManager opens the manager of userID.
//
// Deprecated: use NewWebSocketManager.
//
//go:fix inline
func OpenManager(ctx context.Context, userID string) *Manager {
	return NewWebSocketManager(ctx, userID)
}
`,
}
