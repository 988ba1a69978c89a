package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/plan"
	"github.com/canonize/canonize/spec"
)

// Options select what to analyse.
type Options struct {
	Dir      string // directory inside the module or workspace
	SpecFile string // default: canonize.yaml in the root
	// Patterns restrict which files change (default: every package of
	// every module); finding always sees the whole module.
	Patterns []string
	// Progress, if set, is told what is being done ("go vet: 12 of 36
	// packages in 3 configuration(s)"); it may be called from several
	// goroutines.
	Progress func(msg string)
	// CleanedUp says the journal records an applied cleanup phase: the
	// deprecated API is gone, so a rule whose symbol no longer exists
	// matches nothing (with a warning) instead of being an error.
	CleanedUp bool
	// Tool is the executable the go command runs as its vet tool
	// (canonize itself): canonize's Analyzer and Go's inliner. Required.
	// ToolEnv is added to its environment.
	Tool    string
	ToolEnv []string
	// ExactChanges asks Check for every changed file's content after
	// phases 1-3 exactly (SARIF's fixes print them); without it, Check
	// gives no Changes.
	ExactChanges bool
}

// Result is what a migration would do to the tree.
type Result struct {
	Root     string
	Spec     *spec.Spec
	Sites    []engine.Site // sorted by path, line, col
	Changes  []Change      // files phases 1-3 change, sorted by path
	All      []Change      // files any phase changes, sorted by path
	Warnings []diag.Diagnostic
	Problems []diag.Diagnostic // unusable packages, withheld and unplanned files
	Plan     *plan.Plan
	Order    apply.Order // the plan's phases with their files' contents, for apply
}

// Change is the new content of one file.
type Change struct {
	Path  string // slash path relative to the root
	Abs   string
	Old   []byte // the file as it is
	New   []byte // after the exports, production and tests phases
	Final []byte // after cleanup too; nil when cleanup does not touch the file or is blocked
	Mode  fs.FileMode
	Sites int // sites rewritten
}

// patternFilter reports whether a file lies in a package the patterns
// name; nil without patterns.
func patternFilter(root string, patterns []string) (func(abs string) bool, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	dirs, err := load.PatternDirs(root, patterns)
	if err != nil {
		return nil, err
	}
	return func(abs string) bool { return dirs[filepath.Dir(abs)] }, nil
}

func concat[T any](lists ...[]T) []T {
	var out []T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// rootAndSpec finds the module (or workspace) root opts.Dir lies in and
// reads its spec: where Plan and Check start.
func rootAndSpec(opts Options) (string, *spec.Spec, error) {
	root, err := load.FindRoot(opts.Dir)
	if err != nil {
		return "", nil, err
	}
	sp, err := readSpec(root, opts.SpecFile)
	return root, sp, err
}

// readSpec reads the spec the user names, or the tree's canonize.yaml;
// a tree without one gets the default spec (//go:fix inline directives
// only).
func readSpec(root, explicit string) (*spec.Spec, error) {
	path := specPath(root, explicit)
	sp, err := spec.Read(path)
	if explicit == "" && errors.Is(err, fs.ErrNotExist) {
		return spec.Default(path), nil
	}
	return sp, err
}

// specPath locates the spec and names it as the user would: relative
// to the working directory when it lies below it.
func specPath(root, explicit string) string {
	path := explicit
	if path == "" {
		path = filepath.Join(root, spec.FileName)
	}
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}

// changes lists the files phases 1-3 change and the files any phase changes.
func changes(files []*migrate.File) (changed, all []Change) {
	for _, f := range files {
		c := Change{Path: f.Source.Rel, Abs: f.Source.Abs, Old: f.Old, New: f.New, Final: f.Final, Mode: f.Mode, Sites: f.Sites}
		if f.Changed() {
			changed = append(changed, c)
		}
		if f.Changed() || f.Final != nil {
			all = append(all, c)
		}
	}
	return changed, all
}

// templateFiles are the spec's template files (templates:), as slash
// paths relative to the root: they are the rules, not code to migrate
// (their before functions match themselves).
func templateFiles(root string, sp *spec.Spec) map[string]bool {
	out := map[string]bool{}
	for _, r := range sp.Rules {
		if r.Go == nil {
			continue
		}
		out[relTo(root, r.Go.Path)] = true
	}
	return out
}

// relTo names a file as reports do: a slash path relative to root.
func relTo(root, file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return file
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// blockOnUnscanned blocks a cleanup that would delete declarations
// while a file importing a spec package is not scanned because its
// package needs one that does not type-check (needs, absolute): no
// engine sees its uses, and no type-check of it can tell whether the
// deletion breaks it. The files lose their cleanup content.
func blockOnUnscanned(root string, sp *spec.Spec, needs map[string][]string, cleanup *migrate.Cleanup, files []*migrate.File) {
	if cleanup.Deletes == 0 || len(needs) == 0 {
		return
	}
	targets := sp.Targets()
	var blockers []string
	for _, abs := range slices.Sorted(maps.Keys(needs)) {
		if targets == nil || importsAny(abs, targets) {
			blockers = append(blockers, fmt.Sprintf("%s: not scanned (its package needs %s, which cannot be type-checked); it may use the deprecated API", relTo(root, abs), strings.Join(needs[abs], ", ")))
		}
	}
	blockCleanup(cleanup, files, blockers)
}
