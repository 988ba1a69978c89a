// Command canonize migrates a Go codebase off a deprecated API.
//
// Each subcommand is a thin shell over the library: flags, one library
// call, rendering. The same binary is also a go vet / go fix tool: run
// by the go command (go vet -vettool, go fix -fixtool) it runs
// canonize's Analyzer on one package (see package analyzer).
package main

import (
	"os"

	"github.com/canonize/canonize/vettool"
)

func main() {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, deps{}))
}
