package vetrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Config is one build configuration to vet.
type Config struct {
	Name     string   // e.g. "windows/amd64 tags=x"; used in reasons
	Env      []string // extra environment: GOOS=…, GOARCH=…, CGO_ENABLED=…
	Flags    []string // build flags, e.g. "-tags=x"
	Patterns []string // packages to vet in this configuration (import paths, ./..., or absolute dirs)
	Args     []string // analyzer flags for this configuration only, after Request.Args
	// Fingerprint, if set, digests what the run reads from the tree
	// (load.Fingerprint, load.FingerprintReach). The run is then stored
	// in the user's cache directory, and replayed from there, without
	// running the go command, when the fingerprint, the go command's
	// environment, the tool, the arguments and the configuration's
	// environment are those of a stored run (see replayKey).
	Fingerprint string
}

// Request says what to vet, with which tool, in which configurations.
type Request struct {
	Dir     string   // where the go command runs: the module or workspace root
	Tool    string   // the vet tool executable
	Env     []string // extra environment for every go command run (e.g. CANONIZE_VETTOOL=1)
	Args    []string // analyzer flags, e.g. "-inline", "-inline.allow_binding_decl=true"
	Configs []Config // first is the host configuration
	// Progress, if set, is told as packages are reported: how many go
	// vet has analysed (or replayed from its cache) in every
	// configuration so far, and of how many; total is 0 until go list
	// runs, beside go vet, have counted them.
	Progress func(done, total int)
	// HostDone, if set, is called once the first configuration's go vet
	// has ended, whether or not it failed: what it compiled is in the
	// go command's cache then, for another go command to reuse rather
	// than compile again beside it.
	HostDone func()
}

// Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string // absolute
	Start, End int    // byte offsets
	New        string
}

// Fix is one suggested fix: edits meant to be applied together.
type Fix struct {
	Message string
	Edits   []Edit
}

// Finding is one diagnostic, reported in one or more configurations.
type Finding struct {
	Analyzer, Category, Message string
	Package                     string // the ID of a package that reported it ("p", "p [p.test]")
	File                        string // absolute
	Line, Col                   int    // 1-based, from the diagnostic's position
	Fixes                       []Fix
	Configs                     []string // Names of the configurations that reported it, in Request order
}

// Conflict says the same site got different fixes in two configurations.
type Conflict struct {
	File   string
	Reason string
}

// PackageError says the tool could not analyze a package in a
// configuration: the go command printed errors for it (type errors,
// say: Msg is their lines), or an analyzer failed on it (Analyzer names
// it; Msg is "analyzer: error").
type PackageError struct {
	Package, Config, Msg string
	Analyzer             string
}

// Result is what every configuration reported, merged.
type Result struct {
	Findings      []Finding      // deduplicated, sorted by File, Line, Col, Category, Message
	Conflicts     []Conflict     // files refused; their conflicting findings are not in Findings
	PackageErrors []PackageError // sorted by Package, Config, Msg
}

// Run vets req's patterns in each of its configurations and merges the
// results. It fails with a *CommandError when a go command fails other
// than by reporting packages it could not analyze.
func Run(ctx context.Context, req Request) (*Result, error) {
	outs, err := runAll(ctx, req)
	if err != nil {
		return nil, err
	}
	return merge(req.Configs, outs), nil
}

// RunEach is Run without the merging across configurations: its i-th
// Result is what req.Configs[i] reported, deduplicated within that
// configuration only (a package and its test variant), for a caller
// that decides itself which configuration speaks for a file.
func RunEach(ctx context.Context, req Request) ([]*Result, error) {
	outs, err := runAll(ctx, req)
	if err != nil {
		return nil, err
	}
	res := make([]*Result, len(outs))
	for i, out := range outs {
		res[i] = merge(req.Configs[i:i+1], []*output{out})
	}
	return res, nil
}

// runAll runs go vet in every configuration, at most GOMAXPROCS at a
// time, and returns what each printed, in Request order.
func runAll(ctx context.Context, req Request) ([]*output, error) {
	outs := make([]*output, len(req.Configs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	env := baseEnv(req)
	if err := checkGoVersion(ctx, req.Dir, env); err != nil {
		return nil, err
	}
	count := newCounter(req.Progress)
	var counting sync.WaitGroup
	base := replayBase(ctx, req, env)
	for i, cfg := range req.Configs {
		key := replayKey(base, req, cfg, vetArgs(req, cfg))
		if r, ok := replay(key); ok {
			if out, err := parse(req.Dir, cfg.Name, r.Stdout, r.Stderr); err == nil {
				outs[i] = out
				if i == 0 && req.HostDone != nil {
					req.HostDone()
				}
				continue
			}
		}
		if count != nil {
			counting.Go(func() { countPackages(ctx, req, env, cfg, count) })
		}
		g.Go(func() error {
			out, err := vet(ctx, req, env, cfg, key, count)
			if i == 0 && req.HostDone != nil {
				req.HostDone()
			}
			if err != nil {
				return err
			}
			outs[i] = out
			return nil
		})
	}
	err := g.Wait()
	counting.Wait()
	if err != nil {
		return nil, err
	}
	return outs, nil
}

// vetArgs are the go command's arguments for one configuration.
func vetArgs(req Request, cfg Config) []string {
	args := append([]string{"vet", "-vettool=" + req.Tool, "-json"}, req.Args...)
	return append(append(append(args, cfg.Args...), cfg.Flags...), cfg.Patterns...)
}

// vet runs go vet in one configuration and parses what it prints; a
// run that stands (no *CommandError) is stored for replay under key.
func vet(ctx context.Context, req Request, env []string, cfg Config, key string, count *counter) (*output, error) {
	if len(cfg.Patterns) == 0 {
		return &output{}, nil // go vet would vet "." instead of nothing
	}
	args := vetArgs(req, cfg)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = req.Dir
	cmd.Env = append(env[:len(env):len(env)], cfg.Env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &countWriter{buf: &stdout, c: count}, &countWriter{buf: &stderr, c: count}
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("go vet (%s): %w", cfg.Name, err)
	}
	out, err := parse(req.Dir, cfg.Name, stdout.Bytes(), stderr.Bytes())
	if err != nil {
		return nil, fmt.Errorf("go vet (%s): %w", cfg.Name, err)
	}
	var exit *exec.ExitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &exit) && len(out.pkgErrs) > 0:
		// The packages that did not check are named; the others'
		// results stand.
	default:
		return nil, &CommandError{Config: cfg.Name, Dir: req.Dir, Args: args, Stderr: strings.TrimSpace(stderr.String()), Err: runErr}
	}
	store(key, replayed{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()})
	return out, nil
}

// CommandError says a go command failed other than by naming packages
// the tool could not analyze: the module does not load, say, or there is
// no go command.
type CommandError struct {
	Config string   // the configuration's Name
	Dir    string   // where it ran
	Args   []string // the go command's arguments
	Stderr string   // what it printed on standard error
	Err    error    // how it failed
}

func (e *CommandError) Error() string {
	return fmt.Sprintf("go %s in %s (%s): %v\n%s", strings.Join(e.Args, " "), e.Dir, e.Config, e.Err, e.Stderr)
}

func (e *CommandError) Unwrap() error { return e.Err }
