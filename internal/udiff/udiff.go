package udiff

import (
	"bytes"
	"strconv"
	"strings"
)

// context is the number of unchanged lines shown around each change, as diff -u and git do.
const context = 3

// Unified returns the unified diff turning old into new for the file at path
// (slash-separated, relative to the module root), with "--- a/path" / "+++ b/path"
// headers, 3 lines of context, hunks "@@ -l,s +l,s @@", and "\ No newline at end of file"
// where due. It returns nil when old and new are equal.
//
// Every file starts with a "diff --git a/path b/path" line. A nil old creates the file and a
// nil new deletes it ("--- /dev/null" or "+++ /dev/null" plus git's "new file mode 100644" or
// "deleted file mode 100644"); a non-nil empty slice is an existing empty file. Creating or
// deleting an empty file has no hunk, so, as in git, it is the two header lines alone.
func Unified(path string, old, new []byte) []byte {
	if (old == nil) == (new == nil) && bytes.Equal(old, new) {
		return nil
	}
	var buf bytes.Buffer
	writeHeader(&buf, path, old, new)
	if len(old) > 0 || len(new) > 0 {
		writeHunks(&buf, lineDiff(old, new))
	}
	return buf.Bytes()
}

func writeHeader(buf *bytes.Buffer, path string, old, new []byte) {
	a, b := quote("a/"+path), quote("b/"+path)
	buf.WriteString("diff --git " + a + " " + b + "\n")
	switch {
	case old == nil:
		buf.WriteString("new file mode 100644\n")
		a = "/dev/null"
	case new == nil:
		buf.WriteString("deleted file mode 100644\n")
		b = "/dev/null"
	}
	if len(old) == 0 && len(new) == 0 {
		return
	}
	buf.WriteString("--- " + a + nameEnd(a))
	buf.WriteString("+++ " + b + nameEnd(b))
}

// nameEnd ends a "---"/"+++" line. Like git, it puts a tab after a name containing a space,
// because GNU patch otherwise takes the name to end at the first space.
func nameEnd(name string) string {
	if strings.Contains(name, " ") {
		return "\t\n"
	}
	return "\n"
}

// span is a hunk as a half-open range of indexes into the edits, context included.
type span struct{ lo, hi int }

// hunkSpans groups changes into hunks. Changes separated by at most 2*context unchanged lines
// share a hunk, because their contexts would touch or overlap: that is the GNU diff rule, and
// git's.
func hunkSpans(edits []edit) []span {
	var spans []span
	for i, e := range edits {
		if e.kind == kept {
			continue
		}
		if n := len(spans); n > 0 && i-spans[n-1].hi <= 2*context {
			spans[n-1].hi = i + 1
			continue
		}
		spans = append(spans, span{i, i + 1})
	}
	for i := range spans {
		spans[i].lo = max(spans[i].lo-context, 0)
		spans[i].hi = min(spans[i].hi+context, len(edits))
	}
	return spans
}

func writeHunks(buf *bytes.Buffer, edits []edit) {
	oldLine, newLine, at := 0, 0, 0 // lines of each side before edits[at]
	for _, s := range hunkSpans(edits) {
		for ; at < s.lo; at++ {
			oldLine, newLine = advance(edits[at].kind, oldLine, newLine)
		}
		oldN, newN := 0, 0
		for _, e := range edits[s.lo:s.hi] {
			oldN, newN = advance(e.kind, oldN, newN)
		}
		buf.WriteString("@@ -" + hunkRange(oldLine, oldN) + " +" + hunkRange(newLine, newN) + " @@\n")
		for _, e := range edits[s.lo:s.hi] {
			writeLine(buf, e)
		}
	}
}

// advance counts e's line on the sides it belongs to.
func advance(k kind, oldN, newN int) (int, int) {
	if k != added {
		oldN++
	}
	if k != deleted {
		newN++
	}
	return oldN, newN
}

// hunkRange renders one side of a hunk header given the lines before the hunk and its length.
// As in GNU diff, an empty side names the line it comes after, and a count of 1 is implied.
func hunkRange(before, n int) string {
	switch n {
	case 0:
		return strconv.Itoa(before) + ",0"
	case 1:
		return strconv.Itoa(before + 1)
	}
	return strconv.Itoa(before+1) + "," + strconv.Itoa(n)
}

func writeLine(buf *bytes.Buffer, e edit) {
	buf.WriteByte(byte(e.kind))
	buf.WriteString(e.line)
	if !strings.HasSuffix(e.line, "\n") {
		buf.WriteString("\n\\ No newline at end of file\n")
	}
}

// quote quotes a path the way git does (core.quotePath, its default), so that git apply and
// GNU patch read back exactly the bytes of a name holding quotes, backslashes, control
// characters or non-ASCII bytes.
func quote(name string) string {
	if !needsQuote(name) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		writeQuoted(&b, name[i])
	}
	b.WriteByte('"')
	return b.String()
}

func needsQuote(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

const cEscapes = "\a\b\t\n\v\f\r\"\\"
const cEscapeLetters = "abtnvfr\"\\"

func writeQuoted(b *strings.Builder, c byte) {
	if i := strings.IndexByte(cEscapes, c); i >= 0 {
		b.WriteByte('\\')
		b.WriteByte(cEscapeLetters[i])
		return
	}
	if c < 0x20 || c >= 0x7f {
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6)
		b.WriteByte('0' + c>>3&7)
		b.WriteByte('0' + c&7)
		return
	}
	b.WriteByte(c)
}
