package load

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"golang.org/x/mod/modfile"
)

// Error is returned when the tree cannot be loaded at all; Msg is the
// go command's own reason.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// FindRoot returns the nearest directory at or above dir holding go.work
// or go.mod.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, f := range []string{"go.work", "go.mod"} {
			if _, err := os.Stat(filepath.Join(d, f)); err == nil {
				return d, nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s: no go.mod or go.work here or above", abs)
		}
	}
}

// UnanalysableNote is the warning for a file Unanalysable lists.
func UnanalysableNote(rel string, broken []string) diag.Diagnostic {
	verb := "needs %s, which does not type-check"
	if len(broken) > 1 {
		verb = "needs %s, which do not type-check"
	}
	return diag.Diagnostic{Pos: token.Position{Filename: rel}, Msg: "not scanned: its package " + fmt.Sprintf(verb, strings.Join(broken, ", "))}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// ModulePatterns lists ./... of every module: the root module, or each
// module a go.work uses.
func ModulePatterns(root string) ([]string, error) { return modulePatterns(root) }

func modulePatterns(root string) ([]string, error) {
	work := filepath.Join(root, "go.work")
	data, err := os.ReadFile(work)
	if errors.Is(err, os.ErrNotExist) {
		return []string{"./..."}, nil
	}
	if err != nil {
		return nil, err
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return nil, &Error{Msg: err.Error()}
	}
	var pats []string
	for _, u := range wf.Use {
		dir := filepath.ToSlash(filepath.Clean(u.Path))
		if dir == "." {
			pats = append(pats, "./...")
		} else {
			pats = append(pats, "./"+strings.TrimPrefix(dir, "./")+"/...")
		}
	}
	if len(pats) == 0 {
		return nil, &Error{Msg: work + ": uses no modules"}
	}
	return pats, nil
}
