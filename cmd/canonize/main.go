// Command canonize migrates a Go codebase off a deprecated API.
//
// Each subcommand is a thin shell over the library: flags, one library
// call, rendering. The same binary is also a go vet / go fix tool: run
// by the go command (go vet -vettool, go fix -fixtool) it runs
// canonize's Analyzer on one package (see package analyzer).
package main

import (
	"os"
)

func main() {
	if vetTool(os.Args[1:]) {
		runVetTool(os.Args[1:])
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, deps{}))
}
