package analyzer

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/migrate"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
)

// recheck type-checks the package again, against the same export data,
// with the rewritten files in place, and returns the files whose
// rewrite does not type-check, with the reason; when the errors lie
// only in files it did not rewrite, every rewritten file is blamed. A
// file is withheld at a time until the rest checks or none is left, as
// canonize's commands do. api holds the files withheld only because,
// with the rest, they change the package's exported API: whether an
// importer still builds is for a driver seeing the importers to say.
func recheck(pass *analysis.Pass, imp *importer, files map[*ast.File]rendered, words reasons) (withheld map[*ast.File]string, api map[*ast.File]bool) {
	withheld, api = map[*ast.File]string{}, map[*ast.File]bool{}
	for len(withheld) < len(files) {
		errs, at, apiOnly := checkAPI(pass, imp, files, withheld, true)
		if len(errs) == 0 {
			break
		}
		blamed := false
		for i, e := range errs {
			if f := at[i]; f != nil && withheld[f] == "" {
				withheld[f] = words.typeCheck(e)
				api[f] = apiOnly
				blamed = true
			}
		}
		if !blamed {
			for f := range files {
				if withheld[f] == "" {
					withheld[f] = words.breaks(pass.Pkg.Path(), errs[0])
				}
			}
		}
	}
	return withheld, api
}

// reasons words why a file's rewrite is withheld, naming the build
// configuration canonize's commands ran the pass in (-config), if they
// named one: "rewrite does not type-check (linux/amd64): a.go:3:4: …".
type reasons string

// typeCheck is the reason for an error in the rewritten file.
func (r reasons) typeCheck(err string) string {
	return "rewrite does not type-check" + r.in() + ": " + err
}

// breaks is the reason for an error in package pkg outside the files
// rewritten.
func (r reasons) breaks(pkg, err string) string {
	return "rewrite breaks package " + pkg + r.in() + ": " + err
}

func (r reasons) in() string {
	if r == "" {
		return ""
	}
	return " (" + string(r) + ")"
}

// check type-checks the package with the files not yet withheld
// rewritten; at[i] is the rewritten file error i lies in, if any.
func check(pass *analysis.Pass, imp *importer, files map[*ast.File]rendered, withheld map[*ast.File]string) (errs []string, at []*ast.File) {
	errs, at, _ = checkAPI(pass, imp, files, withheld, true)
	return errs, at
}

// checkAPI is check; with sameAPI false, a package whose exported API
// the rewrite changes is not an error (the exports and cleanup phases
// delete declarations on purpose). apiOnly says the errors are that
// change of API, the package checking otherwise.
func checkAPI(pass *analysis.Pass, imp *importer, files map[*ast.File]rendered, withheld map[*ast.File]string, sameAPI bool) (errs []string, at []*ast.File, apiOnly bool) {
	var list []*ast.File
	origin := map[string]*ast.File{} // file name of a re-parsed file -> original
	lineMaps := map[*ast.File][]int{}
	for _, f := range pass.Files {
		r, ok := files[f]
		if !ok || withheld[f] != "" {
			list = append(list, f)
			continue
		}
		name := pass.Fset.File(f.FileStart).Name()
		nf, err := parser.ParseFile(pass.Fset, name, r.new, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return []string{err.Error()}, []*ast.File{f}, false
		}
		origin[name] = f
		list = append(list, nf)
	}
	conf := types.Config{
		Importer: imp,
		Sizes:    pass.TypesSizes,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			// Soft errors ("declared and not used") are compile errors
			// too; a file the rewrite did not change has none new.
			pos := pass.Fset.Position(te.Pos)
			if te.Soft && origin[pos.Filename] == nil {
				return
			}
			if f := origin[pos.Filename]; f != nil {
				// At the line of the file on disk, as canonize's commands say.
				if lines := originalLines(files[f], lineMaps, f); pos.Line >= 1 && pos.Line <= len(lines) {
					pos.Line = lines[pos.Line-1]
				}
			}
			errs = append(errs, fmt.Sprintf("%s: %s", pos, te.Msg))
			at = append(at, origin[pos.Filename])
		},
	}
	if pass.Module != nil && pass.Module.GoVersion != "" {
		conf.GoVersion = "go" + pass.Module.GoVersion
	}
	pkg, _ := conf.Check(pass.Pkg.Path(), pass.Fset, list, nil)
	if len(errs) == 0 && sameAPI && !migrate.SameAPI(pass.Pkg, pkg) {
		// Importers are other passes: a change of what they see could
		// break them unseen. canonize's commands check them instead.
		for _, f := range pass.Files {
			if _, ok := files[f]; ok && withheld[f] == "" {
				errs = append(errs, fmt.Sprintf("rewrite changes the exported API of package %s, which importers (not visible to one pass) may use", pass.Pkg.Path()))
				at = append(at, f)
			}
		}
		return errs, at, true
	}
	return errs, at, false
}

// importer gives the re-check the packages the pass's own check used,
// so that types from both are identical. A package the rewrite newly
// imports, which the pass has no export data for, is read from the
// export data the go command lists for it (go list -export), into the
// same packages, so its types are identical too; it is read once per
// pass, however many checks import it.
type importer struct {
	pkg  *types.Package
	fset *token.FileSet
	dir  string                    // the package's directory, where the go command resolves paths
	deps map[string]*types.Package // the pass's packages (closure)
	read map[string]*types.Package // packages read from export data
	// given are the export data files canonize's commands listed
	// (-canonize.export), by import path: read instead of running go
	// list -export.
	given map[string]string
}

func newImporter(pass *analysis.Pass, deps map[string]*types.Package, given map[string]string) *importer {
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())
	return &importer{pkg: pass.Pkg, fset: pass.Fset, dir: dir, deps: deps, read: map[string]*types.Package{}, given: given}
}

// lookup is the compiler's view of the spec's packages: the pass's own
// (complete ones first), else one whose export data canonize's commands
// gave (a move's destination, a template's import the package does not
// depend on), else what the pass has, maybe nothing.
func (im *importer) lookup(path string) *types.Package {
	p := im.deps[path]
	if p != nil && p.Complete() {
		return p
	}
	if _, ok := im.given[path]; ok {
		if q, err := im.Import(path); err == nil {
			return q
		}
	}
	return p
}

func (im *importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if path == im.pkg.Path() {
		return nil, fmt.Errorf("package %s would import itself", path)
	}
	p := im.deps[path]
	if p == nil || !p.Complete() {
		if p = im.read[path]; p == nil {
			var err error
			if p, err = im.exportData(path); err != nil {
				return nil, err
			}
			im.read[path] = p
		}
	}
	if migrate.Reaches(p, im.pkg.Path()) {
		return nil, fmt.Errorf("import cycle: %s imports %s", path, im.pkg.Path())
	}
	return p, nil
}

// exportData reads path's export data as the go command builds it, with
// every package the pass already has reused.
func (im *importer) exportData(path string) (*types.Package, error) {
	file, ok := im.given[path]
	if !ok {
		cmd := exec.Command("go", "list", "-export", "-f", "{{.Export}}", "--", path)
		cmd.Dir = im.dir
		out, err := cmd.Output()
		file = strings.TrimSpace(string(out))
		if err != nil || file == "" {
			return nil, fmt.Errorf("no export data for %s: %v", path, err)
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The pass's incomplete view of path (the objects its dependencies'
	// export data mention) stays in: the reader completes that package
	// and reuses its objects, so that a type the pass already knows is
	// the identical type in the rewrite.
	imports := maps.Clone(im.deps)
	// go list -export names the compiler's archive; NewReader finds the
	// export data in it (and passes cmd/export output through).
	r, err := gcexportdata.NewReader(bufio.NewReader(f)) //lint:ignore SA1019 the go command gives archives
	if err != nil {
		return nil, fmt.Errorf("export data for %s: %w", path, err)
	}
	return gcexportdata.Read(r, im.fset, imports, path)
}

// originalLines is migrate.OriginalLines of r, computed once per file.
func originalLines(r rendered, cache map[*ast.File][]int, f *ast.File) []int {
	if lines, ok := cache[f]; ok {
		return lines
	}
	lines := migrate.OriginalLines(r.old, r.new)
	cache[f] = lines
	return lines
}
