package load

import (
	"os"
	"path/filepath"
	"strings"
)

// unlistedFiles finds .go files in the directories the patterns cover
// that go list did not report at all: a directory whose every file the
// host excludes (a windows-only package, an integration-tagged e2e test
// directory) is not listed by ./... on this host.
func unlistedFiles(root string, patterns []string) []string {
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
			dir = filepath.Join(root, dir)
		}
		out = append(out, goFilesUnder(dir, recursive)...)
	}
	return out
}

// skippedDir reports whether the go command skips the directory p
// below a module's root: testdata, vendor, _ and . directories, and
// nested modules.
func skippedDir(p string) bool {
	name := filepath.Base(p)
	if name == "testdata" || name == "vendor" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
		return true
	}
	_, err := os.Stat(filepath.Join(p, "go.mod"))
	return err == nil
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
			if p != dir && (!recursive || skippedDir(p)) {
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
