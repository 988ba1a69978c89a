package udiff_test

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// applyUnified applies a one-file diff made by Unified to old, strictly: every hunk must start
// exactly where its header says, and every context and deleted line must match old byte for
// byte. It returns nil when the diff deletes the file. It is deliberately independent of the
// package's code, so that both would have to be wrong in the same way for a test to pass.
func applyUnified(old, diff []byte) ([]byte, error) {
	if len(diff) == 0 {
		return old, nil
	}
	lines := diffLines(string(diff))
	created, deleted, rest, err := parseFileHeader(lines)
	if err != nil {
		return nil, err
	}
	if created != (old == nil) {
		return nil, fmt.Errorf("diff creates the file: %v, but old exists: %v", created, old != nil)
	}
	src := diffLines(string(old))
	var out []string
	pos := 0 // lines of src consumed
	for len(rest) > 0 {
		var h hunk
		if h, rest, err = parseHunk(rest); err != nil {
			return nil, err
		}
		if pos, out, err = h.apply(src, pos, out); err != nil {
			return nil, err
		}
	}
	out = append(out, src[pos:]...)
	if deleted {
		if len(out) != 0 {
			return nil, fmt.Errorf("file deleted but %d lines remain", len(out))
		}
		return nil, nil
	}
	return []byte(strings.Join(out, "")), nil
}

// diffLines splits after each "\n", keeping a last line without one.
func diffLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func parseFileHeader(lines []string) (created, deleted bool, rest []string, err error) {
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "diff --git ") {
		return false, false, nil, errors.New("no diff --git line")
	}
	lines = lines[1:]
	if len(lines) > 0 && lines[0] == "new file mode 100644\n" {
		created, lines = true, lines[1:]
	} else if len(lines) > 0 && lines[0] == "deleted file mode 100644\n" {
		deleted, lines = true, lines[1:]
	}
	if len(lines) == 0 {
		return created, deleted, nil, nil // creating or deleting an empty file
	}
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return false, false, nil, fmt.Errorf("bad ---/+++ lines: %q", lines[:min(2, len(lines))])
	}
	if (lines[0] == "--- /dev/null\n") != created || (lines[1] == "+++ /dev/null\n") != deleted {
		return false, false, nil, fmt.Errorf("/dev/null does not match the mode line: %q", lines[:2])
	}
	return created, deleted, lines[2:], nil
}

type hunk struct {
	oldStart, oldLen, newStart, newLen int
	body                               []string // kind byte + line with its exact terminator
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$`)

func parseHunk(lines []string) (hunk, []string, error) {
	m := hunkHeader.FindStringSubmatch(lines[0])
	if m == nil {
		return hunk{}, nil, fmt.Errorf("bad hunk header %q", lines[0])
	}
	h := hunk{oldStart: atoi(m[1]), oldLen: atoiOr1(m[2]), newStart: atoi(m[3]), newLen: atoiOr1(m[4])}
	if m[2] == "1" || m[4] == "1" {
		return hunk{}, nil, fmt.Errorf("hunk header %q spells out a count of 1", lines[0])
	}
	lines = lines[1:]
	for oldN, newN := 0, 0; oldN < h.oldLen || newN < h.newLen; lines = lines[1:] {
		if len(lines) == 0 || lines[0] == "" {
			return hunk{}, nil, errors.New("hunk body ends early")
		}
		l := lines[0]
		switch l[0] {
		case ' ':
			oldN, newN = oldN+1, newN+1
		case '-':
			oldN++
		case '+':
			newN++
		default:
			return hunk{}, nil, fmt.Errorf("bad hunk line %q", l)
		}
		if oldN > h.oldLen || newN > h.newLen {
			return hunk{}, nil, fmt.Errorf("hunk longer than its header %q", m[0])
		}
		if len(lines) > 1 && lines[1] == "\\ No newline at end of file\n" {
			l = strings.TrimSuffix(l, "\n")
			lines = lines[1:]
		}
		h.body = append(h.body, l)
	}
	return h, lines, nil
}

// apply copies the unchanged lines before h, checks that h starts there on both sides, and
// applies it. pos counts the lines of src consumed.
func (h hunk) apply(src []string, pos int, out []string) (int, []string, error) {
	first := h.oldStart - 1 // index in src of the hunk's first line
	if h.oldLen == 0 {
		first = h.oldStart
	}
	if first < pos || first > len(src) {
		return 0, nil, fmt.Errorf("hunk at old line %d overlaps the previous one or the end", h.oldStart)
	}
	out = append(out, src[pos:first]...)
	pos = first
	if want := startLine(len(out), h.newLen); h.newStart != want {
		return 0, nil, fmt.Errorf("hunk says +%d, want +%d", h.newStart, want)
	}
	for _, l := range h.body {
		kind, text := l[0], l[1:]
		if kind != '+' {
			if pos >= len(src) || src[pos] != text {
				return 0, nil, fmt.Errorf("old line %d is not %q", pos+1, text)
			}
			pos++
		}
		if kind != '-' {
			out = append(out, text)
		}
	}
	return pos, out, nil
}

// startLine is the start a hunk header names for a side with `before` lines ahead of the hunk
// and n lines in it: the first line (1-based), or the line before it when n is 0.
func startLine(before, n int) int {
	if n == 0 {
		return before
	}
	return before + 1
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func atoiOr1(s string) int {
	if s == "" {
		return 1
	}
	return atoi(s)
}
