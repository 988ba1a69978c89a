package vettool

import (
	"debug/elf"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/inliner"
)

// EnvVar, set to "1", tells a test binary whose TestMain asks Is that
// the go command runs it as its vet tool.
const EnvVar = "CANONIZE_VETTOOL"

// InlineOnlyEnv, set to "1" in the tool's environment, says the caller
// runs only the inliner (-inline): the tool's identity then leaves out
// the spec, whose content the inliner never reads, so that runs under
// different specs share the go command's cached results (a module's
// dependencies and the standard library are analysed once, not once per
// spec). canonize's own Analyzer refuses to run under it, since its
// results would be cached without the spec they depend on.
const InlineOnlyEnv = "CANONIZE_INLINE_ONLY"

// SpecEnv, set to a spec file's absolute path in the tool's environment,
// makes the identity (-V=full) cover that spec and its templates instead
// of the canonize.yaml found from the working directory: the go command
// asks for the identity without the Analyzer's flags, so a spec named
// by -canonize.spec, whose hash flag covers the file but not the
// templates it names, needs it too. canonize's commands set it with
// --spec.
const SpecEnv = "CANONIZE_SPEC"

// Is reports whether args (the command line without the program name)
// are the go command running this executable as its vet or fix tool:
// asking for the tool's identity (-V=full) or flags (-flags), or giving
// a package's config file (*.cfg) last. With EnvVar=1 in the
// environment, a command line of flags only (or none), none of them a
// test flag, is one too, so that a test binary gives unitchecker's own
// usage and errors instead of running its tests; a command (canonize
// check, say) never is.
func Is(args []string) bool {
	if protocol(args) {
		return true
	}
	if os.Getenv(EnvVar) != "1" {
		return false
	}
	for _, a := range args {
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "-test.") {
			return false
		}
	}
	return true
}

// protocol reports whether args are one of the go command's three ways
// of running its tool.
func protocol(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return args[0] == "-V=full" || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}

// TraceEnv, set to a file name in the tool's environment, makes every
// run of the tool on a package append the package's config file name to
// that file, one a line: what the go command actually ran rather than
// replayed from its cache (the environment is not part of its cache
// key). A test asserts a warm run with it; a user can see it too.
const TraceEnv = "CANONIZE_VETTOOL_TRACE"

// Main runs the tool on args and exits; it never returns. unitchecker
// reads the command line from os.Args itself: args only decides whether
// the identity is asked for.
func Main(args []string) {
	if len(args) == 1 && args[0] == "-V=full" {
		os.Exit(printToolID())
	}
	trace(args)
	unitchecker.Main(analyzers()...)
	os.Exit(0) // unitchecker.Main exits; this keeps the promise if it ever does not
}

// analyzers are the tool's Analyzers: canonize's, refusing to run under
// InlineOnlyEnv, and the inliner.
func analyzers() []*analysis.Analyzer {
	a := analyzer.New()
	if inlineOnly() {
		refuse := *a
		refuse.Run = func(*analysis.Pass) (any, error) {
			return nil, fmt.Errorf("%s=1 is set: canonize's Analyzer would be cached without its spec; run with -inline only, or unset it", InlineOnlyEnv)
		}
		a = &refuse
	}
	return []*analysis.Analyzer{a, inliner.Analyzer}
}

// trace records a run on a package's config file under TraceEnv; a
// failure to write is ignored: tracing must not change the result.
func trace(args []string) {
	file := os.Getenv(TraceEnv)
	if file == "" || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintln(f, args[len(args)-1])
}

func inlineOnly() bool { return os.Getenv(InlineOnlyEnv) == "1" }

// printToolID prints the identity the go command keys its cache on, in
// the form it parses: "<exe> version devel <anything> buildID=<id>".
func printToolID() int {
	exe, err := os.Executable()
	if err == nil {
		var data []byte
		if data, err = exeIdentity(exe); err == nil {
			id := analyzer.ToolID(data, "")
			switch named := os.Getenv(SpecEnv); {
			case inlineOnly():
			case named != "":
				id = analyzer.SpecToolID(data, named)
			default:
				wd, _ := os.Getwd() // "" finds no spec: the identity is then the executable's alone
				id = analyzer.ToolID(data, wd)
			}
			fmt.Printf("%s version devel canonize buildID=%s\n", exe, id)
			return 0
		}
	}
	fmt.Fprintln(os.Stderr, "canonize: -V=full:", err)
	return 2
}

// exeIdentity is what identifies the executable: the Go build ID the
// linker writes into an ELF file (its last part hashes the linked
// content, so any change to the program changes it), read from the
// file's headers; else, or without one, the whole file. The go command
// asks once per go vet run, so reading 17 MB each time showed.
func exeIdentity(exe string) ([]byte, error) {
	if id := elfBuildID(exe); id != "" {
		return []byte("go-buildid:" + id), nil
	}
	return os.ReadFile(exe)
}

// elfBuildID reads the Go build ID note of an ELF executable, or "".
func elfBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	// namesz, descsz, type (4 = Go build ID), "Go\x00\x00", the ID.
	if err != nil || len(data) < 16 || string(data[12:16]) != "Go\x00\x00" || f.ByteOrder.Uint32(data[8:]) != 4 {
		return ""
	}
	n := int(f.ByteOrder.Uint32(data[4:]))
	if n == 0 || 16+n > len(data) || !strings.Contains(string(data[16:16+n]), "/") {
		return ""
	}
	return string(data[16 : 16+n])
}
