package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows the last thing the analysis said it was doing on one
// stderr line, only when stderr is a terminal and the work has taken more
// than a second: fast runs and pipes stay silent.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	msg   string
	shown bool
	last  string // the line last drawn
	done  chan struct{}
	// live is set when stderr is a terminal: only then is the analysis
	// asked for progress (counting packages costs a go list run).
	live bool
}

func startProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now(), done: make(chan struct{})}
	if !isTerminal(w) {
		return p
	}
	p.live = true
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
	return p
}

// callback is what the analysis should tell what it is doing: p.set on
// a terminal, nil elsewhere.
func (p *progress) callback() func(string) {
	if !p.live {
		return nil
	}
	return p.set
}

// set records what is being done; safe from any goroutine.
func (p *progress) set(msg string) {
	p.mu.Lock()
	p.msg = msg
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.live || time.Since(p.start) < time.Second || p.msg == "" {
		return
	}
	line := fmt.Sprintf("canonize: %s... (%.0fs)", p.msg, time.Since(p.start).Seconds())
	if line == p.last {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.shown, p.last = true, line
}

// stop clears the line if anything was shown.
func (p *progress) stop() {
	close(p.done)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// isTerminal reports whether w is a terminal (not merely a character
// device: /dev/null is one too).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
