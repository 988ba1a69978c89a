package load

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestFingerprint: the digest changes when a build file is edited,
// added or touched, not when a file the build does not read is; it is
// withheld (ok false) for a tree with a file modified just now, a vendor
// directory, or a replace directive naming a directory outside the tree.
func TestFingerprint(t *testing.T) {
	root := t.TempDir()
	past := time.Now().Add(-time.Hour)
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, past, past)
	}
	fp := func() (string, bool) {
		t.Helper()
		d, ok, err := Fingerprint(root)
		if err != nil {
			t.Fatal(err)
		}
		return d, ok
	}
	write("go.mod", "module example.com/m\n\ngo 1.22\n")
	write("a/a.go", "package a\n")
	write("a/README.md", "notes\n")
	first, ok := fp()
	if !ok || first == "" {
		t.Fatalf("no fingerprint for a plain module")
	}
	if again, _ := fp(); again != first {
		t.Error("the fingerprint of an unchanged tree changes")
	}
	write("a/README.md", "other notes\n")
	if d, _ := fp(); d != first {
		t.Error("a file the build does not read changes the fingerprint")
	}
	write("a/a.go", "package a // edited\n")
	edited, _ := fp()
	if edited == first {
		t.Error("an edited .go file leaves the fingerprint")
	}
	write("a/b_test.go", "package a\n")
	if d, _ := fp(); d == edited {
		t.Error("an added .go file leaves the fingerprint")
	}
	os.Chtimes(filepath.Join(root, "a", "a.go"), time.Now(), time.Now())
	if _, ok := fp(); ok {
		t.Error("a file modified just now gives a fingerprint (it could change again within the tick)")
	}
	os.Chtimes(filepath.Join(root, "a", "a.go"), past, past)
	write("go.mod", "module example.com/m\n\ngo 1.22\n\nreplace example.com/x => ../x\n")
	if _, ok := fp(); ok {
		t.Error("a replace outside the tree gives a fingerprint")
	}
	write("go.mod", "module example.com/m\n\ngo 1.22\n\nreplace example.com/x => ./x\n")
	write("x/go.mod", "module example.com/x\n")
	write("x/x.go", "package x\n")
	inner, ok := fp()
	if !ok {
		t.Fatal("a replace inside the tree gives no fingerprint")
	}
	write("x/x.go", "package x // edited\n")
	if d, _ := fp(); d == inner {
		t.Error("an edit in a replaced module inside the tree leaves the fingerprint")
	}
	// What a package can read: its files and its module imports'.
	write("c/c.go", "package c\n")
	write("a/a.go", "package a\n\nimport _ \"example.com/x\"\n")
	reach := func() string {
		t.Helper()
		d, err := FingerprintReach(root, [][]string{{filepath.Join(root, "a")}})
		if err != nil || d[0] == "" {
			t.Fatalf("FingerprintReach: %v, digest %q", err, d)
		}
		return d[0]
	}
	r := reach()
	write("c/c.go", "package c // not imported by a\n")
	os.Chtimes(filepath.Join(root, "c", "c.go"), time.Now(), time.Now())
	if reach() != r {
		t.Error("an edit, even a racy one, in a package a does not import changes a's fingerprint")
	}
	write("x/x.go", "package x // edited again\n")
	if reach() == r {
		t.Error("an edit in a module package a imports leaves a's fingerprint")
	}
	write("vendor/modules.txt", "")
	if _, ok := fp(); ok {
		t.Error("a vendored tree gives a fingerprint")
	}
}
