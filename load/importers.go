package load

import (
	"slices"
	"strings"
)

// Importers lists the packages of the module (or of every module of a
// go.work) that import one of paths, directly or through other packages
// of the module, test files included: where paths do not type-check,
// the go command has no export data for them, so go vet analyses none
// of these. A package's external test (package p_test, which imports
// p) is listed as "p_test". From the cheap listing: build constraints
// are not evaluated, which can only widen the list.
func Importers(root string, paths []string) ([]string, error) {
	listed, err := walkModules(root)
	if err != nil {
		return nil, err
	}
	broken := map[string]bool{}
	for _, p := range paths {
		broken[p] = true
	}
	for changed := true; changed; { // what imports a broken package cannot be analysed either
		changed = false
		for _, p := range listed {
			if !broken[p.Path] && slices.ContainsFunc(p.ProdDeps, func(d string) bool { return broken[d] }) {
				broken[p.Path], changed = true, true
			}
		}
	}
	var out []string
	for _, p := range listed {
		if slices.Contains(paths, p.Path) {
			if importsItself(p) {
				out = append(out, p.Path+"_test")
			}
			continue
		}
		if slices.ContainsFunc(p.Imports, func(d string) bool { return broken[d] }) {
			out = append(out, p.Path)
		}
	}
	slices.Sort(out)
	return out, nil
}

// importsItself reports whether one of p's files imports p: an
// external test's.
func importsItself(p listedPkg) bool {
	for f, imps := range p.FileImports {
		if strings.HasSuffix(f, "_test.go") && slices.Contains(imps, p.Path) {
			return true
		}
	}
	return false
}

// CgoFiles lists the files (absolute, sorted) of the given packages of
// the module that import "C": a pass sees cgo's output for them, not
// the files, so they are reported for a person instead of scanned, as
// the load reports them. From the cheap listing.
func CgoFiles(root string, pkgs []string) ([]string, error) {
	listed, err := walkModules(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range listed {
		if !slices.Contains(pkgs, p.Path) {
			continue
		}
		for f, imps := range p.FileImports {
			if slices.Contains(imps, "C") {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}
