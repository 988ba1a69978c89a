package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/canonize/canonize/analyzer"
)

// vetTool reports whether the go command runs canonize as its vet or fix
// tool: it asks for the tool's identity (-V=full) or flags (-flags), or
// gives a package's config file (*.cfg) last.
func vetTool(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return args[0] == "-V=full" || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}

// runVetTool speaks the go command's protocol through unitchecker. The
// identity it gives for -V=full hashes the spec found from the working
// directory with the executable, so that the go command's cache never
// replays results computed under another spec.
func runVetTool(args []string) {
	if len(args) == 1 && args[0] == "-V=full" {
		os.Exit(printToolID())
	}
	unitchecker.Main(analyzer.New())
}

func printToolID() int {
	exe, err := os.Executable()
	if err == nil {
		var data []byte
		if data, err = os.ReadFile(exe); err == nil {
			wd, _ := os.Getwd()
			fmt.Printf("%s version devel canonize buildID=%s\n", exe, analyzer.ToolID(data, wd))
			return 0
		}
	}
	fmt.Fprintln(os.Stderr, "canonize: -V=full:", err)
	return 2
}
