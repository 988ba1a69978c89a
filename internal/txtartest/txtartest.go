// Package txtartest is what canonize's table-driven tests share: a txtar
// archive is a case whose files form a tree and whose "want.*" sections
// are the expected results, rewritten with -update. It is imported by
// tests only.
package txtartest

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Case is one archive, its tree written under Dir.
type Case struct {
	File    string
	Archive *txtar.Archive
	Dir     string            // a new temp dir holding every file but the want sections
	Want    map[string]string // the want sections by name
}

// Load parses the archive at file and writes its files under a new temp dir.
func Load(t *testing.T, file string) *Case {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &Case{File: file, Archive: ar, Dir: t.TempDir(), Want: map[string]string{}}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want.") {
			c.Want[f.Name] = string(f.Data)
			continue
		}
		WriteFile(t, filepath.Join(c.Dir, f.Name), f.Data)
	}
	return c
}

// Comment returns the fields after "key:" on the comment's lines that start with it.
func (c *Case) Comment(key string) []string {
	var out []string
	for _, line := range strings.Split(string(c.Archive.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			out = append(out, strings.Fields(rest)...)
		}
	}
	return out
}

// Update replaces the archive's want sections by got, sorted by name.
func (c *Case) Update(t *testing.T, got map[string]string) {
	t.Helper()
	var files []txtar.File
	for _, f := range c.Archive.Files {
		if !strings.HasPrefix(f.Name, "want.") {
			files = append(files, f)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		files = append(files, txtar.File{Name: k, Data: []byte(got[k])})
	}
	c.Archive.Files = files
	if err := os.WriteFile(c.File, txtar.Format(c.Archive), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Compare reports every section that differs between got and the
// archive's want sections, either way.
func (c *Case) Compare(t *testing.T, got map[string]string) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range c.Want {
		keys[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if got[k] != c.Want[k] {
			t.Errorf("%s differs\n--- got\n%s--- want\n%s", k, got[k], c.Want[k])
		}
	}
}

// WriteFile writes data at path, making its directory.
func WriteFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Each runs fn as a subtest, named after the file, for every archive
// matching pattern; none matching is a failure.
func Each(t *testing.T, pattern string, parallel bool, fn func(t *testing.T, file string)) {
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("no cases match %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			if parallel {
				t.Parallel()
			}
			fn(t, file)
		})
	}
}
