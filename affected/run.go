package affected

import (
	"strings"

	"github.com/canonize/canonize/load"
)

// Run is one go test invocation of a Selection.
type Run struct {
	Config  load.BuildConfig
	Execute bool     // the tests run; otherwise they are only compiled and linked
	Args    []string // the go command's arguments: test, flags, packages
	// Env is added to the environment: the configuration's GOOS,
	// GOARCH and CGO_ENABLED; nil for the host's own.
	Env      []string
	Packages int // selected in the configuration
	Total    int // the module's packages in the configuration
}

// Command is the run as a person would type it.
func (r Run) Command() string {
	return strings.TrimSpace(strings.Join(r.Env, " ") + " go " + strings.Join(r.Args, " "))
}

// Runs are the go test invocations that check the selection, one per
// configuration, the host's first.
func (s *Selection) Runs() []Run {
	host := load.Host()
	var out []Run
	for _, c := range s.Configs {
		r := Run{Config: c.Config, Execute: c.Execute, Packages: len(c.Packages), Total: c.Total}
		r.Args = append([]string{"test"}, c.Config.Flags()...)
		if !c.Execute {
			// The machine cannot run another platform's binaries:
			// compile and link them, and "run" them with true.
			r.Args = append(r.Args, "-exec=true")
		}
		for _, p := range c.Packages {
			r.Args = append(r.Args, p.ImportPath)
		}
		if c.Config.String() != host.String() {
			r.Env = c.Config.Env()
		}
		out = append(out, r)
	}
	return out
}
