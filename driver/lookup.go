package driver

import (
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/canonize/canonize/load"
)

// lookup finds type-checked packages by import path: the loaded ones
// first (non-test variants before test ones), then everything they
// import, then — for a package the spec names that nothing loaded
// imports — export data through the go command, once per path. It is
// safe for concurrent use: the re-type-check imports from goroutines.
type lookup struct {
	root string
	mu   sync.Mutex
	pkgs map[string]*types.Package
}

func newLookup(ws *load.Workspace) *lookup {
	l := &lookup{root: ws.Root, pkgs: map[string]*types.Package{}}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if p == nil {
			return
		}
		if _, ok := l.pkgs[p.Path()]; ok {
			return
		}
		l.pkgs[p.Path()] = p
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	for _, v := range ws.Variants {
		if v.Pkg.ForTest == "" && !strings.HasSuffix(v.Pkg.Name, "_test") {
			visit(v.Pkg.Types)
		}
	}
	for _, v := range ws.Variants {
		visit(v.Pkg.Types)
	}
	return l
}

// get returns the package at path, or nil if it cannot be loaded.
func (l *lookup) get(path string) *types.Package {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p, ok := l.pkgs[path]; ok && p.Complete() {
		return p
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: l.root}
	loaded, err := packages.Load(cfg, path)
	if err != nil || len(loaded) != 1 || loaded[0].Types == nil || len(loaded[0].Errors) > 0 {
		return nil
	}
	l.pkgs[path] = loaded[0].Types
	return loaded[0].Types
}
