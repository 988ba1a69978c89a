package affected

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/load"
)

// listed is one package as go list -json prints it (the fields asked for).
type listed struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	CgoFiles     []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
}

// listFields are the fields go list is asked to print.
const listFields = "ImportPath,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Imports,TestImports,XTestImports,Error"

// ListError is a go list that could not list the module's packages.
type ListError struct {
	Config load.BuildConfig
	Err    error
	Stderr string
}

func (e *ListError) Error() string {
	return fmt.Sprintf("go list in %s: %v: %s", e.Config, e.Err, strings.TrimSpace(e.Stderr))
}

func (e *ListError) Unwrap() error { return e.Err }

// list runs go list on the module's packages in one configuration.
func list(root string, cfg load.BuildConfig, patterns []string) ([]listed, error) {
	args := append([]string{"list", "-e", "-json=" + listFields}, cfg.Flags()...)
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), cfg.Env()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, &ListError{Config: cfg, Err: err, Stderr: stderr.String()}
	}
	var out []listed
	dec := json.NewDecoder(&stdout)
	for {
		var p listed
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, &ListError{Config: cfg, Err: fmt.Errorf("decode: %w", err)}
		}
		out = append(out, p)
	}
}

// files returns the package's files, absolute: its non-test files (Go
// and cgo) and its test files (internal and external).
func (p *listed) files() (build, test []string) {
	abs := func(names ...[]string) []string {
		var out []string
		for _, l := range names {
			for _, n := range l {
				out = append(out, filepath.Join(p.Dir, n))
			}
		}
		return out
	}
	return abs(p.GoFiles, p.CgoFiles), abs(p.TestGoFiles, p.XTestGoFiles)
}

// fileSet is a key for the package's files in one configuration: two
// configurations with the same key compile the same code for it.
func (p *listed) fileSet() string {
	b, t := p.files()
	return strings.Join(b, "\x00") + "\x01" + strings.Join(t, "\x00")
}
