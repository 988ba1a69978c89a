package baseline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/canonize/canonize/engine"
)

// Version is the version of the file format this package writes and reads.
const Version = 1

// File is a baseline: the fingerprints of the deprecated sites of a
// tree, made with one spec.
type File struct {
	Version int     `json:"version"`
	Spec    Spec    `json:"spec"`
	Sites   []Entry `json:"sites"` // sorted (Entry.less), one entry per key

	// specLine is the line of the "spec" key in the file Parse read, for
	// the error that refuses it against another spec.
	specLine int
	// name is the file's name as Parse was given it.
	name string
}

// Spec names the spec a baseline was made with.
type Spec struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"` // of the spec file's content
}

// Key identifies a site across edits that do not touch it.
type Key struct {
	Path   string `json:"path"`
	Func   string `json:"func"`
	Symbol string `json:"symbol"`
	// TextSHA256 is the sha256, in hex, of the normalised text of the
	// site's expression (engine.Site.Text).
	TextSHA256 string `json:"text_sha256"`
}

// Entry is a key and how many sites have it.
type Entry struct {
	Key
	Count int `json:"count"`
}

func (k Key) compare(o Key) int {
	return cmp.Or(cmp.Compare(k.Path, o.Path), cmp.Compare(k.Func, o.Func),
		cmp.Compare(k.Symbol, o.Symbol), cmp.Compare(k.TextSHA256, o.TextSHA256))
}

// KeyOf is the key of a site.
func KeyOf(s engine.Site) Key {
	sum := sha256.Sum256([]byte(s.Text))
	return Key{Path: s.Path, Func: s.Func, Symbol: s.Symbol, TextSHA256: hex.EncodeToString(sum[:])}
}

// Counted reports whether the baseline records a site: a deprecated
// site outside generated files, the sites compliance counts and check
// fails on.
func Counted(s engine.Site) bool {
	return s.Role == engine.RoleDeprecated && !s.Generated
}

// Make records the counted sites.
func Make(spec Spec, sites []engine.Site) *File {
	counts := map[Key]int{}
	for _, s := range sites {
		if Counted(s) {
			counts[KeyOf(s)]++
		}
	}
	f := &File{Version: Version, Spec: spec, Sites: []Entry{}}
	for k, n := range counts {
		f.Sites = append(f.Sites, Entry{Key: k, Count: n})
	}
	slices.SortFunc(f.Sites, func(a, b Entry) int { return a.compare(b.Key) })
	return f
}

// Count is the number of sites the baseline records.
func (f *File) Count() int {
	n := 0
	for _, e := range f.Sites {
		n += e.Count
	}
	return n
}

// Comparison is the tree's sites against a baseline.
type Comparison struct {
	// New are the counted sites the baseline does not hold, in the
	// order they were given.
	New []engine.Site
	// Known counts the counted sites it holds.
	Known int
	// Fixed are the baseline's entries with fewer sites now, each with
	// the number gone.
	Fixed []Entry
	// isNew marks the new sites by position.
	isNew map[position]bool
}

type position struct {
	path      string
	line, col int
	symbol    string
}

func positionOf(s engine.Site) position { return position{s.Path, s.Line, s.Col, s.Symbol} }

// IsNew reports whether s is one of the new sites.
func (c *Comparison) IsNew(s engine.Site) bool { return c.isNew[positionOf(s)] }

// Compare matches the tree's sites (in source order) against the
// baseline, as multisets: of n sites with one key where the baseline
// has m < n, the last n-m are new.
func Compare(f *File, sites []engine.Site) *Comparison {
	left := map[Key]int{}
	for _, e := range f.Sites {
		left[e.Key] += e.Count
	}
	byKey := map[Key][]int{}
	var order []Key
	for i, s := range sites {
		if !Counted(s) {
			continue
		}
		k := KeyOf(s)
		if byKey[k] == nil {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], i)
	}
	c := &Comparison{New: []engine.Site{}, Fixed: []Entry{}, isNew: map[position]bool{}}
	var fresh []int
	for _, k := range order {
		idx := byKey[k]
		known := min(left[k], len(idx))
		c.Known += known
		fresh = append(fresh, idx[known:]...)
		left[k] -= known
	}
	slices.Sort(fresh)
	for _, i := range fresh {
		c.New = append(c.New, sites[i])
		c.isNew[positionOf(sites[i])] = true
	}
	for _, e := range f.Sites {
		if n := left[e.Key]; n > 0 {
			c.Fixed = append(c.Fixed, Entry{Key: e.Key, Count: n})
			left[e.Key] = 0
		}
	}
	return c
}
