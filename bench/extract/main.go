// Command extract writes the files of a txtar archive under a directory,
// for the benchmark scripts.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/tools/txtar"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run extracts args[0] into args[1] and returns the exit status.
func run(args []string, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: extract ARCHIVE DIR")
		return 2
	}
	if err := extract(args[0], args[1]); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

func extract(archive, dir string) error {
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		return err
	}
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
