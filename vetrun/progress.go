package vetrun

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"sync"
)

// counter counts the packages go vet has reported so far, across every
// configuration, and how many it will report, for Request.Progress.
type counter struct {
	mu          sync.Mutex
	done, total int
	report      func(done, total int)
}

func newCounter(report func(done, total int)) *counter {
	if report == nil {
		return nil
	}
	return &counter{report: report}
}

func (c *counter) add(done, total int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done += done
	c.total += total
	c.report(c.done, c.total)
}

// countWriter passes go vet's output on to a buffer and counts the
// packages in it: unitchecker prints each package's tree as indented
// JSON, so a tree ends at a line that is "}" or "{}" at the left margin
// (nested braces are indented), and a package that does not type-check
// is a block headed "# import/path".
type countWriter struct {
	buf  *bytes.Buffer
	c    *counter
	line []byte // the unfinished last line
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if w.c == nil {
		return len(p), nil
	}
	n := 0
	for _, b := range p {
		if b != '\n' {
			if len(w.line) < 3 {
				w.line = append(w.line, b)
			}
			continue
		}
		if s := string(w.line); s == "}" || s == "{}" || strings.HasPrefix(s, "# ") {
			n++
		}
		w.line = w.line[:0]
	}
	if n > 0 {
		w.c.add(n, 0)
	}
	return len(p), nil
}

// countPackages adds to c how many packages go vet will analyse in cfg:
// each package with files of its own or in-package tests once (as its
// test variant when it has tests), and once more for an external test
// package, as the go command's vet plans them. A go list that fails
// adds nothing: the count is only for the eye.
func countPackages(ctx context.Context, req Request, env []string, cfg Config, c *counter) {
	if c == nil || len(cfg.Patterns) == 0 {
		return
	}
	args := append([]string{"list", "-e", "-f", "{{if or .GoFiles .CgoFiles .TestGoFiles}}1{{end}}{{if .XTestGoFiles}}1{{end}}"}, cfg.Flags...)
	cmd := exec.CommandContext(ctx, "go", append(args, cfg.Patterns...)...)
	cmd.Dir = req.Dir
	cmd.Env = append(env[:len(env):len(env)], cfg.Env...)
	out, err := cmd.Output()
	if err != nil {
		return
	}
	c.add(0, bytes.Count(out, []byte("1")))
}
