package load

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"golang.org/x/tools/go/packages"
)

// noteCgo records the files of p that use cgo: go/packages gives their
// preprocessed form, whose offsets are not the file's, so they are
// reported instead of rewritten.
func (ws *Workspace) noteCgo(p *packages.Package, seen map[string]bool) {
	compiled := map[string]bool{}
	for _, f := range p.CompiledGoFiles {
		compiled[f] = true
	}
	for _, f := range p.GoFiles {
		if compiled[f] || seen[f] || !diag.Within(ws.Root, f) {
			continue
		}
		seen[f] = true
		ws.Notes = append(ws.Notes, diag.Diagnostic{Pos: token.Position{Filename: diag.RelTo(ws.Root, f)}, Msg: "uses cgo (import \"C\"): not scanned; migrate it by hand"})
	}
}

// unlistedFiles finds .go files in the directories the patterns cover
// that go list did not report at all: a directory whose every file the
// host excludes (a windows-only package, an integration-tagged e2e test
// directory) is not listed by ./... on this host.
func (ws *Workspace) unlistedFiles(patterns []string) []string {
	var out []string
	for _, pat := range patterns {
		dir, recursive := strings.CutSuffix(pat, "/...")
		if pat == "..." || dir == "." || dir == "" {
			dir = "."
		}
		if !filepath.IsAbs(dir) {
			if !strings.HasPrefix(dir, ".") {
				continue // an import path pattern
			}
			dir = filepath.Join(ws.Root, dir)
		}
		out = append(out, goFilesUnder(dir, recursive)...)
	}
	return out
}

// goFilesUnder lists .go files in dir (and below, if recursive), skipping
// what the go command skips: testdata, vendor, _ and . directories, and
// nested modules.
func goFilesUnder(dir string, recursive bool) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p == dir {
				return nil
			}
			name := d.Name()
			if !recursive || name == "testdata" || name == "vendor" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// parseFile parses a file for go/packages. A file that imports none of
// the targets (and is not in a target package) cannot hold a site: its
// function bodies are dropped before type-checking, which is most of the
// cost of checking it; its declarations are still checked, so the files
// that matter get full types.
func (ws *Workspace) parseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	const mode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
	if ws.sel.importsTarget(filename, src) {
		return parser.ParseFile(fset, filename, src, mode)
	}
	// Blank the bodies before parsing (positions are kept), so that
	// parsing costs about a scan; the source as it is on a parse error.
	f, err := parser.ParseFile(fset, filename, skimBodies(src), mode&^parser.ParseComments)
	if err != nil {
		return parser.ParseFile(fset, filename, src, mode)
	}
	if hasGeneric(f) {
		// go/types wants the body of a generic function: parse it whole.
		if f, err = parser.ParseFile(fset, filename, src, mode&^parser.ParseComments); err != nil {
			return f, err
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		switch {
		case !ok || isGeneric(fd):
		case fd.Recv == nil && fd.Name.Name == "init":
			// init must have a body; an empty one checks the same.
			fd.Body.List = nil
		default:
			fd.Body = nil
		}
	}
	ws.strippedMu.Lock()
	ws.stripped[filename] = true
	ws.strippedMu.Unlock()
	return f, nil
}

func (ws *Workspace) isStripped(file string) bool {
	ws.strippedMu.Lock()
	defer ws.strippedMu.Unlock()
	return ws.stripped[file]
}

func hasGeneric(f *ast.File) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && isGeneric(fd) {
			return true
		}
	}
	return false
}

// isGeneric reports whether fd has type parameters or is a method of a
// generic type.
func isGeneric(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}
