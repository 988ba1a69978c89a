// Command extract writes the files of a txtar archive under a directory,
// for the benchmark scripts.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/tools/txtar"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: extract ARCHIVE DIR")
		os.Exit(2)
	}
	ar, err := txtar.ParseFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, f := range ar.Files {
		p := filepath.Join(os.Args[2], f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
