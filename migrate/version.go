package migrate

import (
	"bufio"
	"fmt"
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/canonize/canonize/internal/diag"
	"golang.org/x/mod/semver"
)

// VersionWarnings warns, for the files that change, when their module's
// go.mod (f.Source.Module) declares a Go version older than a
// standard-library symbol a rule's replacement names needs (read from
// $GOROOT/api), once per module, rule and symbol.
func VersionWarnings(root string, files []*File) []diag.Diagnostic {
	var out []diag.Diagnostic
	seen := map[string]bool{}
	for _, f := range files {
		mod := f.Source.Module
		if mod == nil || mod.GoVersion == "" || !f.Changed() {
			continue
		}
		for _, r := range f.Rules {
			for _, s := range r.Replace.Symbols {
				need := stdVersion(s.Path, s.Name)
				if need == "" || semver.Compare("v"+strings.TrimPrefix(need, "go"), "v"+mod.GoVersion) <= 0 {
					continue
				}
				key := mod.Path + "|" + r.ID + "|" + s.Path + "." + s.Name
				if seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, diag.Diagnostic{Pos: token.Position{Filename: relGoMod(root, mod.GoMod)},
					Msg: fmt.Sprintf("module %s declares go %s; rule %s uses %s.%s, which needs %s", mod.Path, mod.GoVersion, r.ID, s.Path, s.Name, need)})
			}
		}
	}
	return out
}

func relGoMod(root, gomod string) string {
	if rel, err := filepath.Rel(root, gomod); err == nil {
		return filepath.ToSlash(rel)
	}
	return gomod
}

// stdVersion returns the Go release that added a standard-library
// symbol, read from $GOROOT/api, or "" if unknown or not standard.
func stdVersion(path, name string) string {
	if strings.Contains(strings.SplitN(path, "/", 2)[0], ".") {
		return ""
	}
	return stdAPI()[path+"."+name]
}

// stdAPI is $GOROOT/api read once: symbol -> the release that added it.
var stdAPI = sync.OnceValue(func() map[string]string {
	return readAPI(filepath.Join(build.Default.GOROOT, "api"))
})

func readAPI(dir string) map[string]string {
	out := map[string]string{}
	names, _ := filepath.Glob(filepath.Join(dir, "go1*.txt"))
	sort.Slice(names, func(i, j int) bool { return apiMinor(names[i]) < apiMinor(names[j]) })
	for _, file := range names {
		version := "go1." + strconv.Itoa(apiMinor(file))
		f, err := os.Open(file)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if key := apiKey(sc.Text()); key != "" {
				if _, ok := out[key]; !ok {
					out[key] = version
				}
			}
		}
		f.Close()
	}
	return out
}

func apiMinor(file string) int {
	base := strings.TrimSuffix(filepath.Base(file), ".txt")
	n, err := strconv.Atoi(strings.TrimPrefix(base, "go1."))
	if err != nil {
		return 0 // go1.txt
	}
	return n
}

// apiKey turns "pkg io, func ReadAll(Reader) ..." into "io.ReadAll".
func apiKey(line string) string {
	rest, ok := strings.CutPrefix(line, "pkg ")
	if !ok {
		return ""
	}
	i := strings.IndexAny(rest, ", ")
	if i < 0 {
		return ""
	}
	path := rest[:i]
	_, decl, ok := strings.Cut(rest, ", ")
	if !ok {
		return ""
	}
	for _, kind := range []string{"func ", "var ", "const ", "type "} {
		if name, ok := strings.CutPrefix(decl, kind); ok {
			end := strings.IndexAny(name, " (,[")
			if end < 0 {
				end = len(name)
			}
			return path + "." + name[:end]
		}
	}
	return ""
}
