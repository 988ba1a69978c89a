package load

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// PatternDirs lists the directories (absolute) of the packages that
// package patterns name, as the go command matches them in the host
// configuration; a directory whose files the host excludes still
// matches. It restricts which files change: everything else is found
// and counted, never rewritten. No match is an error.
func PatternDirs(root string, patterns []string) (map[string]bool, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles, Dir: root, Env: Host().env()}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, &Error{Msg: goListWrapper.ReplaceAllString(strings.TrimSpace(err.Error()), "")}
	}
	dirs := map[string]bool{}
	for _, p := range pkgs {
		if p.Dir != "" && isUnder(root, p.Dir) {
			dirs[p.Dir] = true
		}
	}
	if len(dirs) == 0 {
		return nil, &Error{Msg: fmt.Sprintf("no packages match %s in %s", strings.Join(patterns, " "), root)}
	}
	return dirs, nil
}

// isUnder reports whether dir is root or below it.
func isUnder(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
