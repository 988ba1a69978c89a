package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// notifyInterrupt delivers the first SIGINT or SIGTERM to apply, which
// stops verification and rolls the phase back. A second one exits at
// once, leaving the phase for status to call interrupted and rollback
// to undo.
func notifyInterrupt(stderr io.Writer) (<-chan os.Signal, func()) {
	in := make(chan os.Signal, 2)
	out := make(chan os.Signal, 1)
	signal.Notify(in, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-in:
			fmt.Fprintf(stderr, "canonize: %v: stopping verification, rolling the phase back (again to exit at once)\n", sig)
			out <- sig
		case <-quit:
			return
		}
		select {
		case sig := <-in:
			fmt.Fprintf(stderr, "canonize: %v again: exiting; canonize status shows the phase, canonize rollback undoes it\n", sig)
			// Die of the signal itself, as the default action would have.
			signal.Reset(sig)
			if s, ok := sig.(syscall.Signal); ok {
				syscall.Kill(os.Getpid(), s)
			}
		case <-quit:
		}
	}()
	return out, func() { signal.Stop(in); close(quit) }
}
