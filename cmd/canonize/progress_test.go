//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair: the progress line is drawn only
// on a terminal.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// TestProgressOnTerminal: on a terminal the analysis is asked for
// progress and, once it has taken a second, its last message is drawn
// on one line; a pipe asks for nothing and gets nothing.
func TestProgressOnTerminal(t *testing.T) {
	master, tty := openPTY(t)
	p := startProgress(tty)
	report := p.callback()
	if report == nil {
		t.Fatal("a terminal gets no progress callback")
	}
	report("go vet: 3 of 36 packages in 3 configuration(s)")
	p.draw() // under a second: nothing
	p.mu.Lock()
	p.start = p.start.Add(-2 * time.Second)
	p.mu.Unlock()
	p.draw()
	p.stop()
	buf := make([]byte, 4096)
	if err := master.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	n, err := master.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	got := string(buf[:n])
	want := "\r\033[Kcanonize: go vet: 3 of 36 packages in 3 configuration(s)... (2s)"
	if !strings.HasPrefix(got, want) || strings.Count(got, "canonize:") != 1 {
		t.Errorf("drawn %q, want it to start %q, once", got, want)
	}
	if !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("drawn %q: the line is not cleared at the end", got)
	}

	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if startProgress(null).callback() != nil {
		t.Error("/dev/null is taken for a terminal")
	}

	var pipe bytes.Buffer
	q := startProgress(&pipe)
	if q.callback() != nil {
		t.Error("a pipe gets a progress callback")
	}
	q.set("anything")
	q.start = q.start.Add(-2 * time.Second)
	q.draw()
	q.stop()
	if pipe.Len() != 0 {
		t.Errorf("a pipe got %q", pipe.String())
	}
}
