package driver

import (
	"fmt"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/vetrun"
)

// positioned is one line of a package's errors as the go command prints
// them: file:line:col: message (the file relative to where it ran).
var positioned = regexp.MustCompile(`^(.+\.go):(\d+):(\d+): (.+)$`)

// vetProblems turns the packages go vet could not analyse (they do not
// type-check) into the positioned problems the whole-program load
// reports for them; their files are not scanned, as the load leaves
// them. go vet's pass stops at a package's first type error, so each
// package gives one problem where the load lists them all. needs maps
// each file whose package needs a broken one to the broken packages
// (load.Unanalysable): go vet analyses none of them.
//
// why says why the results cannot stand for the tree: an analyzer that
// failed, or an error without a position.
func vetProblems(root, dir string, results []*vetrun.Result) (problems []diag.Diagnostic, needs map[string][]string, why string, err error) {
	seen := map[string]bool{}
	var broken []string
	for _, r := range results {
		if r == nil {
			continue
		}
		for _, e := range r.PackageErrors {
			ds, ok := parseProblems(root, dir, e.Msg)
			if !ok || e.Analyzer != "" { // an analyzer's failure is no problem of the code
				return nil, nil, fmt.Sprintf("go vet could not analyse %s (%s): %s", e.Package, e.Config, firstLine(e.Msg)), nil
			}
			for _, d := range ds {
				if !seen[d.String()] {
					seen[d.String()] = true
					problems = append(problems, d)
				}
			}
			broken = append(broken, errorPackage(e))
		}
	}
	if len(broken) == 0 {
		return nil, nil, "", nil
	}
	slices.Sort(broken)
	needs, err = load.Unanalysable(root, slices.Compact(broken))
	return problems, needs, "", err
}

// dropUnanalysable leaves out what the passes reported in the files
// needs lists (the listing, not evaluating build constraints, may list
// a file a pass did see) and warns of each, as the load does.
func (m *checkMerge) dropUnanalysable(needs map[string][]string) {
	for k := range m.sites {
		if needs[filepath.Join(m.root, filepath.FromSlash(k.path))] != nil {
			delete(m.sites, k)
			delete(m.inlined, k)
		}
	}
	for abs := range needs {
		delete(m.edits, abs)
		delete(m.decls, abs)
		delete(m.renders, abs)
		delete(m.api, abs)
	}
	for _, abs := range slices.Sorted(maps.Keys(needs)) {
		m.warnings = append(m.warnings, load.UnanalysableNote(m.rel(abs), needs[abs]))
	}
	m.unanalysable = needs
}

// errorPackage is the import path of the package a PackageError names
// ("p", "p [p.test]", "[p.test]"): a test variant's own path.
func errorPackage(e vetrun.PackageError) string {
	pkg, _, _ := strings.Cut(strings.Trim(e.Package, "[]"), " ")
	return strings.TrimSuffix(pkg, ".test")
}

// parseProblems reads a package's error block: every line positioned
// (ok false otherwise), the file made relative to root.
func parseProblems(root, dir, msg string) ([]diag.Diagnostic, bool) {
	var out []diag.Diagnostic
	for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
		if strings.HasPrefix(line, "# ") {
			continue // a test variant's header: "# [p]"
		}
		m := positioned.FindStringSubmatch(line)
		if m == nil {
			return nil, false
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		out = append(out, diag.Diagnostic{Pos: token.Position{Filename: diag.RelTo(root, file), Line: l, Column: c}, Msg: m[4]})
	}
	return out, len(out) > 0
}

// noteCgo warns of the files of the packages a pass saw as cgo's output
// (their files import "C"), as the load does: neither scans them.
func (m *checkMerge) noteCgo() error {
	if len(m.cgo) == 0 {
		return nil
	}
	files, err := load.CgoFiles(m.root, m.cgo)
	if err != nil {
		return err
	}
	unplaced := map[string]bool{}
	for _, f := range m.unplaced {
		unplaced[f] = true
	}
	var notes []diag.Diagnostic
	for _, f := range files {
		if !unplaced[f] {
			notes = append(notes, diag.Diagnostic{Pos: token.Position{Filename: m.rel(f)}, Msg: `uses cgo (import "C"): not scanned; migrate it by hand`})
		}
	}
	m.warnings = append(notes, m.warnings...)
	return nil
}
