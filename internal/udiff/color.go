package udiff

import (
	"bytes"
	"strconv"
)

// The SGR sequences git uses by default for color.diff.{meta,frag,old,new} and reset.
const (
	bold  = "\x1b[1m"
	cyan  = "\x1b[36m"
	red   = "\x1b[31m"
	green = "\x1b[32m"
	reset = "\x1b[m"
)

// Colorize adds ANSI colours to a unified diff (headers bold, @@ cyan, - red, + green), as git does.
//
// The bytes match `git diff --color=always --ws-error-highlight=none`: every line ends in a
// reset, context lines included, and a trailing "\r" stays outside the colour. A hunk body is
// read by its header's line counts, so a deleted line that reads "--- x" is coloured as a
// deletion, not as a file header. Input that is not a diff is coloured as headers.
func Colorize(diff []byte) []byte {
	var out bytes.Buffer
	var c colorizer
	for len(diff) > 0 {
		i := bytes.IndexByte(diff, '\n') + 1
		if i == 0 {
			i = len(diff)
		}
		c.line(&out, diff[:i])
		diff = diff[i:]
	}
	return out.Bytes()
}

// colorizer tracks how many lines of the current hunk body each side still has.
type colorizer struct{ oldLeft, newLeft int }

func (c *colorizer) line(out *bytes.Buffer, line []byte) {
	inBody := c.oldLeft > 0 || c.newLeft > 0
	switch {
	case len(line) > 0 && line[0] == '\\':
		paint(out, "", line) // "\ No newline at end of file" belongs to the line before it
	case inBody && line[0] == ' ':
		c.oldLeft, c.newLeft = c.oldLeft-1, c.newLeft-1
		paint(out, "", line)
	case inBody && line[0] == '-':
		c.oldLeft--
		paint(out, red, line)
	case inBody && line[0] == '+':
		c.newLeft--
		paint(out, green, line)
	default:
		c.oldLeft, c.newLeft = 0, 0
		c.header(out, line)
	}
}

func (c *colorizer) header(out *bytes.Buffer, line []byte) {
	if oldN, newN, end, ok := parseHunkHeader(line); ok {
		c.oldLeft, c.newLeft = oldN, newN
		paintHunkHeader(out, line, end)
		return
	}
	if bytes.HasPrefix(line, []byte("--- ")) || bytes.HasPrefix(line, []byte("+++ ")) {
		// git writes the tab that follows a name with a space after the reset.
		if body, ok := bytes.CutSuffix(line, []byte("\t\n")); ok {
			paint(out, bold, body)
			out.WriteString("\t\n")
			return
		}
	}
	paint(out, bold, line)
}

// paintHunkHeader colours "@@ ... @@" and, like git, resets again after the blanks and after
// the function name that may follow it.
func paintHunkHeader(out *bytes.Buffer, line []byte, end int) {
	out.WriteString(cyan)
	out.Write(line[:end])
	out.WriteString(reset)
	rest, nl := bytes.CutSuffix(line[end:], []byte("\n"))
	funcName := bytes.TrimLeft(rest, " \t")
	if blanks := rest[:len(rest)-len(funcName)]; len(blanks) > 0 {
		out.Write(blanks)
		out.WriteString(reset)
	}
	if len(funcName) > 0 {
		out.Write(funcName)
		out.WriteString(reset)
	}
	if nl {
		out.WriteByte('\n')
	}
}

// paint writes line in colour, keeping its "\n" and a "\r" before it outside the colour as
// git does. An empty line stays empty.
func paint(out *bytes.Buffer, color string, line []byte) {
	body, nl := bytes.CutSuffix(line, []byte("\n"))
	body, cr := bytes.CutSuffix(body, []byte("\r"))
	if len(body) > 0 {
		out.WriteString(color)
		out.Write(body)
		out.WriteString(reset)
	}
	if cr {
		out.WriteByte('\r')
	}
	if nl {
		out.WriteByte('\n')
	}
}

// parseHunkHeader reads "@@ -l[,s] +l[,s] @@" at the start of line and returns the two
// counts and the index just past the closing "@@".
func parseHunkHeader(line []byte) (oldN, newN, end int, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte("@@ -"))
	if !ok {
		return 0, 0, 0, false
	}
	oldN, rest, ok = parseRange(rest, " +")
	if !ok {
		return 0, 0, 0, false
	}
	newN, rest, ok = parseRange(rest, " @@")
	if !ok {
		return 0, 0, 0, false
	}
	return oldN, newN, len(line) - len(rest), true
}

// parseRange reads "l[,s]" followed by sep and returns s (1 when omitted) and what follows sep.
func parseRange(b []byte, sep string) (int, []byte, bool) {
	i := bytes.Index(b, []byte(sep))
	if i < 0 {
		return 0, nil, false
	}
	start, count, hasCount := bytes.Cut(b[:i], []byte(","))
	if _, err := strconv.ParseUint(string(start), 10, 31); err != nil {
		return 0, nil, false
	}
	n := uint64(1)
	if hasCount {
		var err error
		if n, err = strconv.ParseUint(string(count), 10, 31); err != nil {
			return 0, nil, false
		}
	}
	return int(n), b[i+len(sep):], true
}
