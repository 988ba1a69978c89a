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
// type-check) into positioned problems; their files are not scanned.
// The go command stops at a package's first type errors, so a package
// gives the errors it printed, not necessarily all of them. needs maps
// each file whose package needs a broken one to the broken packages
// (load.Unanalysable): go vet analyses none of them. A line of an error
// without a position (an import cycle, a missing package) is a problem
// naming the package. An analyzer's failure is no problem of the code:
// it is an *AnalysisError.
func vetProblems(root, dir string, results []*vetrun.Result) (problems []diag.Diagnostic, needs map[string][]string, err error) {
	seen := map[string]bool{}
	var broken []string
	for _, r := range results {
		if r == nil {
			continue
		}
		for _, e := range r.PackageErrors {
			if e.Analyzer != "" {
				return nil, nil, &AnalysisError{Package: e.Package, Config: e.Config, Analyzer: e.Analyzer, Msg: e.Msg}
			}
			for _, d := range parseProblems(root, dir, e) {
				if !seen[d.String()] {
					seen[d.String()] = true
					problems = append(problems, d)
				}
			}
			broken = append(broken, errorPackage(e))
		}
	}
	if len(broken) == 0 {
		return nil, nil, nil
	}
	slices.Sort(broken)
	needs, err = load.Unanalysable(root, slices.Compact(broken))
	return problems, needs, err
}

// dropUnanalysable leaves out what the passes reported in the files
// needs lists (the listing, not evaluating build constraints, may list
// a file a pass did see) and warns of each.
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

// parseProblems reads a package's error block: a positioned line gives
// its file (relative to root), line and column; another names the
// package and its configuration.
func parseProblems(root, dir string, e vetrun.PackageError) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, line := range strings.Split(strings.TrimSpace(e.Msg), "\n") {
		if strings.HasPrefix(line, "# ") || strings.TrimSpace(line) == "" {
			continue // a test variant's header: "# [p]"
		}
		m := positioned.FindStringSubmatch(line)
		if m == nil {
			out = append(out, diag.Diagnostic{Msg: fmt.Sprintf("package %s (%s): %s", errorPackage(e), e.Config, strings.TrimSpace(line))})
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		out = append(out, diag.Diagnostic{Pos: token.Position{Filename: diag.RelTo(root, file), Line: l, Column: c}, Msg: m[4]})
	}
	return out
}

// noteCgo warns of the files of the packages a pass saw as cgo's output
// (their files import "C"): no pass scans them.
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
