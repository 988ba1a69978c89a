package content

import (
	"io/ioutil"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// writeSite writes files (path -> content) under a new temporary dir.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, err := ioutil.TempDir("", "site")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := ioutil.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadSkipsDraftsAndDirs(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"b.md":        "title: B\n---\nbody b",
		"a.md":        "title: A\n---\nbody a",
		"wip.md":      "title: WIP\ndraft: true\n---\n",
		"notes.txt":   "not a page",
		"blog/one.md": "title: One\n---\n1",
	})
	pages, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, p := range pages {
		slugs = append(slugs, p.Slug)
	}
	if !reflect.DeepEqual(slugs, []string{"a", "b"}) {
		t.Fatalf("Load = %v", slugs)
	}
	sections, err := LoadSections(dir)
	if err != nil || len(sections["blog"]) != 1 || sections["blog"][0].Title != "One" {
		t.Fatalf("LoadSections = %v, %v", sections, err)
	}
}

func TestStale(t *testing.T) {
	src := writeSite(t, map[string]string{"a.md": "title: A\n---\n", "b.md": "title: B\n---\n"})
	out := writeSite(t, map[string]string{"a.html": "<p>A</p>"})
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(src, "a.md"), old, old)
	got, err := Stale(src, out)
	if err != nil || !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("Stale = %v, %v", got, err)
	}
}

// names lists what a directory read returned: the test's own helper,
// written against []os.FileInfo.
func names(infos []os.FileInfo) []string {
	var out []string
	for _, fi := range infos {
		out = append(out, fi.Name())
	}
	return out
}

func TestSiteLayout(t *testing.T) {
	dir := writeSite(t, map[string]string{"a.md": "", "blog/one.md": ""})
	infos, err := ioutil.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(infos); !reflect.DeepEqual(got, []string{"a.md", "blog"}) {
		t.Fatalf("layout = %v", got)
	}
}
