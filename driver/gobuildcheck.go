package driver

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/vetrun"
)

// buildError is the first type error of a package checked with the
// migration's content in place.
type buildError struct {
	Pkg    string          // the package's import path (a test variant's own)
	Config string          // the configuration's name
	Err    diag.Diagnostic // at the file in the tree (relative), positioned in the content checked
}

// buildErrors type-checks the packages in dirs (absolute), in every
// configuration of req, with contents (absolute file -> content) in
// place of the files on disk: go vet -overlay with no analyzer enabled,
// so that the go command compiles their dependencies from the content
// too, and each package, test variants included, is checked against
// them. It returns each failing package's first error, configurations
// in req's order.
func buildErrors(req vetrun.Request, root string, contents map[string][]byte, dirs []string) ([]buildError, error) {
	if len(dirs) == 0 {
		return nil, nil
	}
	tmp, err := os.MkdirTemp("", "canonize-overlay-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	overlay, back, err := writeOverlay(tmp, contents)
	if err != nil {
		return nil, err
	}
	run := vetrun.Request{Dir: req.Dir, Tool: req.Tool, Env: req.Env, Args: []string{"-canonize=false", "-inline=false"}}
	for _, cfg := range req.Configs {
		cfg.Patterns = dirs
		cfg.Args = nil
		cfg.Fingerprint = "" // the overlay is no file of the tree: never replayed
		cfg.Flags = append(slices.Clone(cfg.Flags), "-overlay="+overlay)
		run.Configs = append(run.Configs, cfg)
	}
	results, err := vetrun.RunEach(context.Background(), run)
	if err != nil {
		return nil, err
	}
	var out []buildError
	for _, r := range results {
		for _, e := range r.PackageErrors {
			ds := parseProblems(root, req.Dir, e)
			if e.Analyzer != "" || len(ds) == 0 {
				return nil, &AnalysisError{Package: e.Package, Config: e.Config, Analyzer: e.Analyzer, Msg: e.Msg}
			}
			d := ds[0] // an error with no position (an import cycle) names the package
			if orig, ok := back[d.Pos.Filename]; ok {
				d.Pos.Filename = diag.RelTo(root, orig)
			}
			out = append(out, buildError{Pkg: errorPackage(e), Config: e.Config, Err: d})
		}
	}
	return out, nil
}

// writeOverlay writes each content to its own file under dir, keeping
// the file's name (cgo and build constraints read it), and the go
// command's overlay file naming them; back maps each written file to
// the file it stands for.
func writeOverlay(dir string, contents map[string][]byte) (overlay string, back map[string]string, err error) {
	replace := map[string]string{}
	back = map[string]string{}
	for i, abs := range slices.Sorted(maps.Keys(contents)) {
		sub := filepath.Join(dir, fmt.Sprint(i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			return "", nil, err
		}
		name := filepath.Join(sub, filepath.Base(abs))
		if err := os.WriteFile(name, contents[abs], 0o644); err != nil {
			return "", nil, err
		}
		replace[abs], back[name] = name, abs
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", nil, err
	}
	overlay = filepath.Join(dir, "overlay.json")
	return overlay, back, os.WriteFile(overlay, data, 0o644)
}

// checkCgoCleanup: a file that uses cgo is not scanned (a pass sees
// cgo's output), yet it may use a deprecated declaration the cleanup
// phase deletes. Where cleanup would delete and such a use exists, the
// packages holding those uses are type-checked with every file's
// content after cleanup in place: one that fails blocks cleanup, and
// the cleanup loses its content. Each changed file of the packages it
// imports whose API the migration changes (they delete declarations) is
// named with the error.
func (m *checkMerge) checkCgoCleanup(req vetrun.Request, files []*migrate.File, dels *deletions, graph map[string][]string) error {
	if len(m.cgoUses) == 0 || dels.cleanup.Blocked || len(dels.flag.Cleanup) == 0 {
		return nil
	}
	contents := map[string][]byte{}
	moved := map[string]bool{} // packages whose API the migration changes
	for _, f := range files {
		abs := filepath.Join(m.root, filepath.FromSlash(f.Source.Rel))
		content := f.New
		if f.Final != nil {
			content = f.Final
			moved[m.pkgOf[abs]] = true
		}
		if len(f.ExportDeletes) > 0 {
			moved[m.pkgOf[abs]] = true
		}
		if string(content) != string(f.Old) {
			contents[abs] = content
		}
	}
	var dirs []string
	for _, u := range m.cgoUses {
		if dir := filepath.Dir(u.file); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	slices.Sort(dirs)
	errs, err := buildErrors(req, m.root, contents, dirs)
	if err != nil || len(errs) == 0 {
		return err
	}
	bad := map[string]string{}
	for _, e := range errs {
		for _, p := range movedDeps(e.Pkg, moved, graph) {
			for _, abs := range slices.Sorted(maps.Keys(contents)) {
				if m.pkgOf[abs] == p && !strings.HasSuffix(abs, "_test.go") && bad[abs] == "" {
					bad[abs] = e.apiReason(p)
				}
			}
		}
	}
	var blockers []string
	for _, abs := range slices.Sorted(maps.Keys(bad)) {
		blockers = append(blockers, m.rel(abs)+": "+bad[abs])
	}
	blockCleanup(&dels.cleanup, files, blockers)
	return nil
}

// apiReason is why a file of package p, whose API the migration
// changes, is withheld: e, in a package using p.
func (e buildError) apiReason(p string) string {
	return fmt.Sprintf("rewrite changes the API of package %s, which %s uses (%s): %s", p, e.Pkg, e.Config, e.Err)
}

// blockCleanup blocks the cleanup with blockers, if any, and takes the
// files' content after cleanup away: phase 4 then lists the
// declarations without deleting them.
func blockCleanup(c *migrate.Cleanup, files []*migrate.File, blockers []string) {
	if len(blockers) == 0 {
		return
	}
	c.Blocked = true
	c.BlockedBy = append(c.BlockedBy, blockers...)
	for _, f := range files {
		f.Final = nil
	}
}

// movedDeps are the packages of moved that pkg imports, else those it
// reaches through the packages it imports, sorted.
func movedDeps(pkg string, moved map[string]bool, graph map[string][]string) []string {
	var direct []string
	for _, p := range graph[pkg] {
		if moved[p] {
			direct = append(direct, p)
		}
	}
	if len(direct) > 0 {
		slices.Sort(direct)
		return direct
	}
	seen := map[string]bool{}
	var out []string
	var visit func(p string)
	visit = func(p string) {
		for _, q := range graph[p] {
			if seen[q] {
				continue
			}
			seen[q] = true
			if moved[q] {
				out = append(out, q)
			}
			visit(q)
		}
	}
	visit(strings.TrimSuffix(pkg, "_test"))
	slices.Sort(out)
	return out
}
