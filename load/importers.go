package load

import (
	"slices"
	"strings"
)

// Unanalysable maps each file of the module (or of every module of a
// go.work) that no pass can analyse because its package variant needs,
// directly or through other packages of the module, one of broken
// (packages that do not type-check: the go command has no export data
// for them) to the broken packages it needs, sorted. A package's files
// go with it, and with its test variant: go vet analyses a package
// that has tests as the test variant only, so an in-package test file
// needing a broken package takes the package's other files with it. An
// external test file (one importing its own package) goes with the
// external test, which needs the test variant too. The broken packages'
// own files are not listed: they are problems. From the cheap listing:
// build constraints are not evaluated, which can only widen the map.
func Unanalysable(root string, broken []string) (map[string][]string, error) {
	listed, err := walkModules(root)
	if err != nil {
		return nil, err
	}
	byPath := map[string]listedPkg{}
	for _, p := range listed {
		byPath[p.Path] = p
	}
	r := reacher{byPath: byPath, memo: map[string][]string{}, broken: map[string]bool{}}
	for _, b := range broken {
		r.broken[b] = true
	}
	out := map[string][]string{}
	for _, p := range listed {
		prod := r.union(p.ProdDeps, "")
		if !r.broken[p.Path] {
			for _, f := range p.Files {
				if len(prod) > 0 {
					out[f] = prod
				}
			}
		}
		var inPkg, external []string
		for f, imps := range p.FileImports {
			if !strings.HasSuffix(f, "_test.go") {
				continue
			}
			if slices.Contains(imps, p.Path) {
				external = append(external, f)
			} else {
				inPkg = append(inPkg, f)
			}
		}
		test := prod
		for _, f := range inPkg {
			test = merge(test, r.union(p.FileImports[f], p.Path))
		}
		if r.broken[p.Path] {
			test = merge(test, []string{p.Path})
		} else if len(test) > 0 {
			// go vet analyses a package with tests as its test variant
			// only, its non-test files included.
			for _, f := range slices.Concat(p.Files, inPkg) {
				out[f] = test
			}
		}
		for _, f := range external {
			if x := merge(test, r.union(p.FileImports[f], p.Path)); len(x) > 0 {
				out[f] = x
			}
		}
	}
	return out, nil
}

// reacher finds the broken packages a package needs.
type reacher struct {
	byPath map[string]listedPkg
	broken map[string]bool
	memo   map[string][]string
}

// reach is the broken packages path needs, itself included.
func (r *reacher) reach(path string) []string {
	if got, ok := r.memo[path]; ok {
		return got
	}
	r.memo[path] = nil // an import cycle is a problem of its own
	var out []string
	if r.broken[path] {
		out = []string{path}
	}
	out = merge(out, r.union(r.byPath[path].ProdDeps, ""))
	r.memo[path] = out
	return out
}

// union is what the imports need, skip (a package's own path) aside.
func (r *reacher) union(imports []string, skip string) []string {
	var out []string
	for _, d := range imports {
		if d != skip {
			out = merge(out, r.reach(d))
		}
	}
	return out
}

// merge is the sorted union of two sorted lists.
func merge(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// CgoFiles lists the files (absolute, sorted) of the given packages of
// the module that import "C": a pass sees cgo's output for them, not
// the files, so they are reported for a person instead of scanned.
// From the cheap listing.
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
