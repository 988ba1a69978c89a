package driver

import (
	"bufio"
	"context"
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"os"
	"slices"

	"golang.org/x/tools/go/gcexportdata"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/spec"
	"github.com/canonize/canonize/vetrun"
)

// compileByExport compiles the spec's rules against the export data
// the go command builds for the packages they name (host
// configuration), not packages loaded from source: what a plan needs of the rules (their ids, risks, canonical symbols) does not
// need the module loaded. The packages are listed as compilation asks
// for them, starting with those the spec names.
// compiledRules is what compileByExport returns.
type compiledRules struct {
	rules *engine.Rules
	gone  []diag.Diagnostic
	err   error
}

func compileByExport(ctx context.Context, root string, sp *spec.Spec, host vetrun.Config, cleanedUp bool, fp string) (*engine.Rules, []diag.Diagnostic, error) {
	ex := &exportView{fset: token.NewFileSet(), pkgs: map[string]*types.Package{}, files: map[string]string{}, listed: map[string]bool{}, fingerprint: fp}
	want := append(sp.Targets(), viewPackages(sp)...)
	for round := 0; ; round++ {
		if err := ex.list(ctx, root, host, want); err != nil {
			return nil, nil, err
		}
		ex.asked = map[string]bool{}
		rules, gone, err := engine.Compile(sp, ex.lookup, engine.CompileOptions{CleanedUp: cleanedUp})
		want = nil
		for path := range ex.asked {
			if !ex.listed[path] {
				want = append(want, path)
			}
		}
		if len(want) == 0 || round == 8 {
			return rules, gone, err
		}
	}
}

// exportView reads packages from the export data files go list -export
// names, into one file set and one package map so that types agree.
type exportView struct {
	fset   *token.FileSet
	pkgs   map[string]*types.Package // read, and the packages their export data mention
	files  map[string]string         // import path -> export data file
	listed map[string]bool           // paths go list was asked for
	asked  map[string]bool           // paths lookup was asked for and could not give
	// fingerprint is the tree's, for go list's output to be replayed.
	fingerprint string
}

// list asks go list -e -export for the paths not listed yet; a path it
// cannot list or build is left out (lookup then gives nil: no rule
// can name a symbol of it).
func (ex *exportView) list(ctx context.Context, root string, cfg vetrun.Config, paths []string) error {
	var todo []string
	for _, p := range paths {
		if !ex.listed[p] && p != "" {
			ex.listed[p] = true
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	slices.Sort(todo)
	files, err := listExports(ctx, root, cfg, todo, true, ex.fingerprint)
	if err != nil {
		return err
	}
	maps.Copy(ex.files, files)
	return nil
}

func (ex *exportView) lookup(path string) *types.Package {
	if p := ex.pkgs[path]; p != nil && p.Complete() {
		return p
	}
	file, ok := ex.files[path]
	if !ok {
		ex.asked[path] = true
		return nil
	}
	p, err := ex.read(path, file)
	if err != nil {
		return nil
	}
	return p
}

func (ex *exportView) read(path, file string) (*types.Package, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f)) //lint:ignore SA1019 the go command gives archives
	if err != nil {
		return nil, fmt.Errorf("export data for %s: %w", path, err)
	}
	return gcexportdata.Read(r, ex.fset, ex.pkgs, path)
}
