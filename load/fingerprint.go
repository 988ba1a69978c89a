package load

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"

	"github.com/canonize/canonize/internal/diag"
)

// buildExts are the file name extensions the go command reads to build
// a package (Go, cgo's and assembly sources, SWIG, system objects).
var buildExts = map[string]bool{
	".go": true, ".c": true, ".h": true, ".s": true, ".S": true, ".cc": true, ".cpp": true, ".cxx": true,
	".hh": true, ".hpp": true, ".hxx": true, ".m": true, ".f": true, ".F": true, ".for": true, ".f90": true,
	".syso": true, ".swig": true, ".swigcxx": true,
}

// Fingerprint digests what the go command reads from the tree to build
// its modules' packages: the path, size and modification time of every
// build file (buildExts, go.mod, go.sum) in every module of the
// workspace, skipping what the go command skips (testdata, _ and .
// directories, nested modules), and go.work with go.work.sum. Two equal
// fingerprints mean the tree's builds have the same inputs, as far as
// the tree goes; the module cache is immutable and the rest (the Go
// version, the environment) is for the caller to add.
//
// ok is false where the digest cannot stand for the inputs: a vendor
// directory (vendored packages are inputs too), a replace directive
// naming a directory outside root, or a file modified within racyWindow
// of now (it could change again within the same timestamp tick, the way
// git treats "racily clean" index entries).
func Fingerprint(root string) (digest string, ok bool, err error) {
	files, ok, err := scanTree(root)
	if err != nil || !ok {
		return "", false, err
	}
	digest, ok = digestOf(files, nil)
	return digest, ok, nil
}

// FingerprintReach is Fingerprint restricted, for each set of package
// directories, to what go vet of those directories can read: their
// build files and those of every module package they import, directly
// or not, tests and every build tag's imports included (the cheap
// listing's), with every go.mod, go.sum and go.work and the directories
// of no workspace package (a replaced module's). An edit elsewhere
// leaves it. The tree is read once for every set; a set without a
// digest gets "".
func FingerprintReach(root string, sets [][]string) ([]string, error) {
	out := make([]string, len(sets))
	files, ok, err := scanTree(root)
	if err != nil || !ok {
		return out, err
	}
	listed, err := walkModules(root)
	if err != nil {
		return nil, err
	}
	byPath, byDir := map[string]listedPkg{}, map[string]listedPkg{}
	for _, p := range listed {
		byPath[p.Path], byDir[p.Dir] = p, p
	}
	for i, dirs := range sets {
		reach := map[string]bool{}
		todo := slices.Clone(dirs)
		for len(todo) > 0 {
			dir := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if reach[dir] {
				continue
			}
			reach[dir] = true
			for _, imp := range byDir[dir].Imports {
				if p, ok := byPath[imp]; ok && !reach[p.Dir] {
					todo = append(todo, p.Dir)
				}
			}
		}
		// A directory holding no workspace package (a module a replace
		// names, say) is always in: the listing does not follow its
		// imports.
		out[i], _ = digestOf(files, func(dir string) bool {
			_, listed := byDir[dir]
			return reach[dir] || !listed
		})
	}
	return out, nil
}

// buildFile is one file a fingerprint reads: its directory, the line it
// adds to the digest, whether it is a module file (go.mod, go.sum,
// go.work: in every digest) and whether it was modified within
// racyWindow of the scan.
type buildFile struct {
	dir, line    string
	module, racy bool
}

// digestOf digests the files in the directories keep accepts (all with
// keep nil) and the module files; ok is false where one of them is racy.
func digestOf(files []buildFile, keep func(dir string) bool) (string, bool) {
	h := sha256.New()
	for _, f := range files {
		if !f.module && keep != nil && !keep(f.dir) {
			continue
		}
		if f.racy {
			return "", false
		}
		h.Write([]byte(f.line))
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// scanTree reads the tree's build files, in a fixed order: go.work and
// go.work.sum, then each module of the workspace and each module a
// replace names inside the tree. ok is false where no digest can stand
// for the inputs (a vendor directory, a replace outside the tree).
func scanTree(root string) (files []buildFile, ok bool, err error) {
	patterns, err := modulePatterns(root)
	if err != nil {
		return nil, false, err
	}
	racy := time.Now().Add(-racyWindow).UnixNano()
	add := func(path string, info fs.FileInfo, module bool) {
		files = append(files, buildFile{dir: filepath.Dir(path), module: module, racy: info.ModTime().UnixNano() > racy,
			line: fmt.Sprintf("%s\x00%d\x00%d\n", diag.RelTo(root, path), info.Size(), info.ModTime().UnixNano())})
	}
	for _, name := range []string{"go.work", "go.work.sum"} {
		if info, err := os.Stat(filepath.Join(root, name)); err == nil {
			add(filepath.Join(root, name), info, true)
		}
	}
	dirs, ok := localReplaces(root, filepath.Join(root, "go.work"))
	for _, pat := range patterns {
		dirs = append(dirs, filepath.Join(root, strings.TrimSuffix(pat, "/...")))
	}
	seen := map[string]bool{}
	for len(dirs) > 0 {
		dir := dirs[0]
		dirs = dirs[1:]
		if seen[dir] {
			continue
		}
		seen[dir] = true
		more, within := localReplaces(root, filepath.Join(dir, "go.mod"))
		ok = scanModule(dir, add) && ok && within
		dirs = append(dirs, more...)
	}
	return files, ok, nil
}

// scanModule adds the build files of the module in dir; it reports false
// for a module no digest can stand for (vendored).
func scanModule(dir string, add func(string, fs.FileInfo, bool)) bool {
	ok := true
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && name == "vendor" {
				ok = false
			}
			if p != dir && skippedDir(p) {
				return filepath.SkipDir
			}
			return nil
		}
		module := name == "go.mod" || name == "go.sum"
		if !module && !buildExts[filepath.Ext(name)] {
			return nil
		}
		if info, err := d.Info(); err == nil {
			add(p, info, module)
		}
		return nil
	})
	return ok
}

// localReplaces lists the directories the replace directives of a
// go.mod or go.work file name (a missing file has none); within is false
// where one lies outside root, or the file does not parse.
func localReplaces(root, file string) (dirs []string, within bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, true
	}
	var reps []*modfile.Replace
	if strings.HasSuffix(file, "go.work") {
		wf, err := modfile.ParseWork(file, data, nil)
		if err != nil {
			return nil, false
		}
		reps = wf.Replace
	} else {
		mf, err := modfile.Parse(file, data, nil)
		if err != nil {
			return nil, false
		}
		reps = mf.Replace
	}
	for _, r := range reps {
		if r.New.Version != "" {
			continue // a module version: in the module cache
		}
		dir := r.New.Path
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(file), dir)
		}
		dir = filepath.Clean(dir)
		if !diag.Within(root, dir) {
			return nil, false
		}
		dirs = append(dirs, dir)
	}
	return dirs, true
}
