package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/load"
)

// specRef names the spec res was planned from for the journal; the zero
// value for the default spec of a tree without one.
func specRef(res *driver.Result) apply.SpecRef {
	if res.Spec.Implicit {
		return apply.SpecRef{}
	}
	abs, err := filepath.Abs(res.Spec.Path)
	if err != nil {
		return apply.SpecRef{}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return apply.SpecRef{}
	}
	path := abs
	if rel, err := filepath.Rel(res.Root, abs); err == nil && !strings.HasPrefix(rel, "..") {
		path = filepath.ToSlash(rel)
	}
	return apply.SpecRef{Path: path, Hash: journal.HashOf(data)}
}

// recordedSpec fills in -f, when not given, with the spec the journal
// says the last applied phase was planned from, and says on w when its
// content has changed since or it is gone. It returns the spec to use
// ("" for the default lookup).
func recordedSpec(w io.Writer, c *common) string {
	if c.spec != "" {
		return c.spec
	}
	root, err := load.FindRoot(c.dir)
	if err != nil {
		return ""
	}
	ref, err := apply.RecordedSpec(root)
	if err != nil || ref.Path == "" {
		return ""
	}
	path := filepath.FromSlash(ref.Path)
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	data, err := os.ReadFile(path)
	switch {
	case err != nil:
		fmt.Fprintf(w, "canonize: note: %s, the spec phase %d was applied with, is gone (%v); using the default\n", ref.Path, ref.Phase, err)
		return ""
	case journal.HashOf(data) != ref.Hash:
		fmt.Fprintf(w, "canonize: note: %s has changed since phase %d was applied with it\n", ref.Path, ref.Phase)
	}
	return path
}
