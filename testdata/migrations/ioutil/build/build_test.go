package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/ioutil/content"
)

func TestRenderReplacesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "gone.html"), []byte("old"), 0o644)
	pages := []content.Page{{Slug: "a", Title: "A & B", Body: []byte("hi")}}
	if err := Render(pages, out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "a.html"))
	if err != nil || !strings.Contains(string(data), "A &amp; B") {
		t.Fatalf("a.html = %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(out, "gone.html")); !os.IsNotExist(err) {
		t.Fatal("Render kept a stale page")
	}
}

func TestCopyAssetsKeepsModes(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "assets")
	os.WriteFile(filepath.Join(src, "site.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(src, "deploy.sh"), []byte("#!/bin/sh\n"), 0o755)
	os.Mkdir(filepath.Join(src, "fonts"), 0o755)
	n, err := CopyAssets(src, dst)
	if err != nil || n != 2 {
		t.Fatalf("CopyAssets = %d, %v", n, err)
	}
	fi, err := os.Stat(filepath.Join(dst, "deploy.sh"))
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Fatalf("deploy.sh mode = %v, %v", fi.Mode(), err)
	}
	if total, err := AssetBytes(dst); err != nil || total != int64(len("body{}")+len("#!/bin/sh\n")) {
		t.Fatalf("AssetBytes = %d, %v", total, err)
	}
}
