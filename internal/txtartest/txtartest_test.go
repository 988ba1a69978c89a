package txtartest

import (
	"os"
	"path/filepath"
	"testing"
)

// Load writes the tree but not the want sections; Update rewrites the
// want sections sorted and keeps the rest; Comment reads key: lines.
func TestLoadUpdate(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.txtar")
	os.WriteFile(file, []byte("args: ./a ./b\nspec: s.yaml\n-- a/a.go --\npackage a\n-- want.z --\nold\n"), 0o644)
	c := Load(t, file)
	if data, err := os.ReadFile(filepath.Join(c.Dir, "a", "a.go")); err != nil || string(data) != "package a\n" {
		t.Errorf("a/a.go: %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "want.z")); err == nil {
		t.Error("a want section was written to the tree")
	}
	if got := c.Comment("args"); len(got) != 2 || got[1] != "./b" {
		t.Errorf("args: %q", got)
	}
	if c.Want["want.z"] != "old\n" {
		t.Errorf("want.z: %q", c.Want["want.z"])
	}
	got := map[string]string{"want.z": "new\n", "want.a": "first\n"}
	c.Update(t, got)
	again := Load(t, file)
	if again.Want["want.z"] != "new\n" || again.Want["want.a"] != "first\n" || len(again.Want) != 2 {
		t.Errorf("after Update: %q", again.Want)
	}
	if n := len(again.Archive.Files); n != 3 || again.Archive.Files[1].Name != "want.a" {
		t.Errorf("files after Update: %d, second %s", n, again.Archive.Files[1].Name)
	}
	again.Compare(t, got)
}

func TestEach(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"x.txtar", "y.txtar"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	var seen []string
	Each(t, filepath.Join(dir, "*.txtar"), false, func(t *testing.T, file string) {
		seen = append(seen, filepath.Base(file))
	})
	if len(seen) != 2 || seen[0] != "x.txtar" {
		t.Errorf("ran %q", seen)
	}
}
