// Command gen writes a synthetic Go module, example.com/big, for the scale
// benchmarks in bench/compare.sh:
//
//	go run ./bench/gen -files N -affected P [-seed S] -out DIR
//
// The module has N Go files in about N/10 packages laid out as a layered
// DAG (each package imports one to three packages of lower layers, never
// everything), plus a package websocket whose deprecated OpenManager is
// marked //go:fix inline, so that `go fix -inline` and canonize (with the
// canonize.yaml written beside go.mod) perform the same migration.
// Exactly round(N*P/100) files, spread over as many packages as possible,
// call websocket.OpenManager(ctx, id) once; no other file imports
// websocket. The output depends only on the flags.
//
// It prints one line, `files=N packages=K layers=L affected=A`, to stdout.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	files := flag.Int("files", 1000, "number of Go files outside package websocket")
	affected := flag.Float64("affected", 2, "percentage of files that call websocket.OpenManager")
	seed := flag.Uint64("seed", 1, "seed of the layout and the code")
	out := flag.String("out", "", "directory to write the module to; must not exist or be empty")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 || *files < 1 || *affected < 0 || *affected > 100 {
		fmt.Fprintln(os.Stderr, "usage: gen -files N (>= 1) -affected P (0-100) [-seed S] -out DIR")
		os.Exit(2)
	}
	m := newModule(*files, *affected, *seed)
	if err := m.write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("files=%d packages=%d layers=%d affected=%d\n", *files, len(m.pkgs), m.layers, m.affected)
}
