// Command gcl is golangci-lint with canonize's module plugin compiled
// in, as `golangci-lint custom` builds it: its own module (so that
// golangci-lint's dependencies stay out of canonize's), pinned in its
// go.mod, built by the golangci package's test.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/canonize/canonize/golangci" // registers the "canonize" plugin
)

func main() {
	info := commands.BuildInfo{Version: "v2.15.0 (canonize plugin)", Commit: "?", Date: "?", GoVersion: "?"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
