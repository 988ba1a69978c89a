// Command canonize migrates a Go codebase off a deprecated API.
//
// Each subcommand is a thin shell over the plan and rewrite packages:
// flags, one library call, rendering.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, deps{}))
}
