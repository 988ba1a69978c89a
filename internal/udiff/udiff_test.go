package udiff_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

// numbered returns the lines "1\n".."n\n" with the given lines (1-based) replaced.
func numbered(n int, replace map[int]string) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		if s, ok := replace[i]; ok {
			b.WriteString(s + "\n")
			continue
		}
		fmt.Fprintf(&b, "%d\n", i)
	}
	return b.Bytes()
}

// unifiedCases were checked line by line against GNU `diff -u`; TestUnifiedMatchesGNUDiff
// keeps checking their hunks against it.
var unifiedCases = []struct {
	name     string
	path     string
	old, new []byte
	want     string
}{
	{
		name: "middle change",
		old:  numbered(9, nil),
		new:  numbered(9, map[int]string{5: "five"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
`,
	},
	{
		name: "change at start",
		old:  numbered(9, nil),
		new:  numbered(9, map[int]string{1: "one"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,4 +1,4 @@
-1
+one
 2
 3
 4
`,
	},
	{
		name: "change at end",
		old:  numbered(9, nil),
		new:  numbered(9, map[int]string{9: "nine"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -6,4 +6,4 @@
 6
 7
 8
-9
+nine
`,
	},
	{
		name: "pure insertion",
		old:  numbered(8, nil),
		new:  []byte("1\n2\n3\n4\nnew\n5\n6\n7\n8\n"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -2,6 +2,7 @@
 2
 3
 4
+new
 5
 6
 7
`,
	},
	{
		name: "pure deletion in the middle",
		old:  numbered(8, nil),
		new:  []byte("1\n2\n3\n5\n6\n7\n8\n"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,7 +1,6 @@
 1
 2
 3
-4
 5
 6
 7
`,
	},
	{
		name: "add final newline",
		old:  []byte("1\n2\n3"),
		new:  []byte("1\n2\n3\n"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,3 +1,3 @@
 1
 2
-3
\ No newline at end of file
+3
`,
	},
	{
		name: "remove final newline",
		old:  []byte("1\n2\n3\n"),
		new:  []byte("1\n2\n3"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,3 +1,3 @@
 1
 2
-3
+3
\ No newline at end of file
`,
	},
	{
		name: "unchanged last line without newline as context",
		old:  []byte("a\nb"),
		new:  []byte("A\nb"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,2 +1,2 @@
-a
+A
 b
\ No newline at end of file
`,
	},
	{
		name: "CRLF",
		old:  []byte("a\r\nb\r\nc\r\n"),
		new:  []byte("a\r\nB\r\nc\r\n"),
		want: "diff --git a/f.go b/f.go\n--- a/f.go\n+++ b/f.go\n@@ -1,3 +1,3 @@\n" +
			" a\r\n-b\r\n+B\r\n c\r\n",
	},
	{
		name: "empty old file is modified, not created",
		old:  []byte{},
		new:  []byte("x\ny\n"),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -0,0 +1,2 @@
+x
+y
`,
	},
	{
		name: "emptied file",
		old:  []byte("x\ny\n"),
		new:  []byte{},
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,2 +0,0 @@
-x
-y
`,
	},
	{
		name: "deletion",
		old:  []byte("x\ny\n"),
		new:  nil,
		want: `diff --git a/f.go b/f.go
deleted file mode 100644
--- a/f.go
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
`,
	},
	{
		name: "creation",
		old:  nil,
		new:  []byte("x\n"),
		want: `diff --git a/f.go b/f.go
new file mode 100644
--- /dev/null
+++ b/f.go
@@ -0,0 +1 @@
+x
`,
	},
	{
		name: "creation without final newline",
		old:  nil,
		new:  []byte("x"),
		want: `diff --git a/f.go b/f.go
new file mode 100644
--- /dev/null
+++ b/f.go
@@ -0,0 +1 @@
+x
\ No newline at end of file
`,
	},
	{
		name: "creation of an empty file",
		old:  nil,
		new:  []byte{},
		want: "diff --git a/f.go b/f.go\nnew file mode 100644\n",
	},
	{
		name: "deletion of an empty file",
		old:  []byte{},
		new:  nil,
		want: "diff --git a/f.go b/f.go\ndeleted file mode 100644\n",
	},
	{
		name: "two hunks far apart",
		old:  numbered(20, nil),
		new:  numbered(20, map[int]string{2: "two", 18: "eighteen"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -15,6 +15,6 @@
 15
 16
 17
-18
+eighteen
 19
 20
`,
	},
	{
		name: "changes 6 lines apart share a hunk",
		old:  numbered(20, nil),
		new:  numbered(20, map[int]string{4: "X", 11: "Y"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,14 +1,14 @@
 1
 2
 3
-4
+X
 5
 6
 7
 8
 9
 10
-11
+Y
 12
 13
 14
`,
	},
	{
		name: "changes 7 lines apart get two hunks",
		old:  numbered(20, nil),
		new:  numbered(20, map[int]string{4: "X", 12: "Y"}),
		want: `diff --git a/f.go b/f.go
--- a/f.go
+++ b/f.go
@@ -1,7 +1,7 @@
 1
 2
 3
-4
+X
 5
 6
 7
@@ -9,7 +9,7 @@
 9
 10
 11
-12
+Y
 13
 14
 15
`,
	},
	{
		name: "path with a space gets a tab after the name",
		path: "dir/my file.go",
		old:  []byte("a\n"),
		new:  []byte("b\n"),
		want: "diff --git a/dir/my file.go b/dir/my file.go\n" +
			"--- a/dir/my file.go\t\n+++ b/dir/my file.go\t\n@@ -1 +1 @@\n-a\n+b\n",
	},
	{
		name: "path with a tab and non-ASCII is quoted as git quotes it",
		path: "d\u00e9j\u00e0/t\tb\".go",
		old:  []byte("a\n"),
		new:  []byte("b\n"),
		want: `diff --git "a/d\303\251j\303\240/t\tb\".go" "b/d\303\251j\303\240/t\tb\".go"
--- "a/d\303\251j\303\240/t\tb\".go"
+++ "b/d\303\251j\303\240/t\tb\".go"
@@ -1 +1 @@
-a
+b
`,
	},
}

func TestUnified(t *testing.T) {
	for _, c := range unifiedCases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path
			if path == "" {
				path = "f.go"
			}
			got := string(udiff.Unified(path, c.old, c.new))
			if got != c.want {
				t.Errorf("Unified(%q, %q, %q):\n got: %q\nwant: %q", path, c.old, c.new, got, c.want)
			}
		})
	}
}

func TestUnifiedEqual(t *testing.T) {
	for _, c := range []struct{ old, new []byte }{
		{nil, nil},
		{[]byte{}, []byte{}},
		{[]byte("a\nb"), []byte("a\nb")},
		{[]byte("a\r\n"), []byte("a\r\n")},
	} {
		if got := udiff.Unified("f.go", c.old, c.new); got != nil {
			t.Errorf("Unified(%q, %q) = %q, want nil", c.old, c.new, got)
		}
	}
}

// TestUnifiedMatchesGNUDiff checks that every hunk of the table cases is byte for byte the
// hunk GNU diff -u prints; only the header lines differ.
func TestUnifiedMatchesGNUDiff(t *testing.T) {
	diffCmd, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("no diff in PATH to compare with")
	}
	dir := t.TempDir()
	for i, c := range unifiedCases {
		oldPath := writeOrDevNull(t, filepath.Join(dir, fmt.Sprintf("old%d", i)), c.old)
		newPath := writeOrDevNull(t, filepath.Join(dir, fmt.Sprintf("new%d", i)), c.new)
		out, err := exec.Command(diffCmd, "-u", oldPath, newPath).Output()
		if code := exitCode(err); code != 0 && code != 1 {
			t.Fatalf("%s: diff -u: %v", c.name, err)
		}
		if got, want := fromFirstHunk(c.want), fromFirstHunk(string(out)); got != want {
			t.Errorf("%s: hunks differ from diff -u\n ours: %q\n diff: %q", c.name, got, want)
		}
	}
}

func writeOrDevNull(t *testing.T, path string, data []byte) string {
	t.Helper()
	if data == nil {
		return os.DevNull
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	return -1
}

func fromFirstHunk(diff string) string {
	if diff == "" {
		return ""
	}
	if i := strings.Index(diff, "\n@@ "); i >= 0 {
		return diff[i+1:]
	}
	return ""
}
