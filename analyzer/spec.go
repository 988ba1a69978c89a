package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/spec"
)

// errNoModule says the package's files lie in no module: they are not
// the user's code (the test main the go command generates, say).
var errNoModule = errors.New("package outside any module")

// specCache parses each spec file once per process (an in-process
// driver runs many passes; under the go command each runs alone).
type specCache struct {
	mu     sync.Mutex
	parsed map[string]*spec.Spec // by path and content hash
}

// get locates, reads, checks and parses the pass's spec.
func (c *specCache) get(pass *analysis.Pass, file, hash string) (*spec.Spec, error) {
	if file != "" && hash == "" {
		return nil, fmt.Errorf("-canonize.spec=%s needs -canonize.spechash=<sha256 of its content>: the go command caches results by flags, not by the file's content", file)
	}
	path := file
	if path == "" {
		var err error
		if path, err = findSpec(filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	sum := journal.HashOf(data) // the sha256 hex -canonize.spechash takes
	if hash != "" && hash != sum {
		return nil, fmt.Errorf("%s: content has sha256 %s, not the %s given by -canonize.spechash: the spec changed", path, sum, hash)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	key := path + "@" + sum
	if sp, ok := c.parsed[key]; ok {
		return sp, nil
	}
	sp, err := spec.Parse(path, data)
	if err != nil {
		return nil, err
	}
	if c.parsed == nil {
		c.parsed = map[string]*spec.Spec{}
	}
	c.parsed[key] = sp
	return sp, nil
}

// ToolID is the identity the go command keys its cache on (-V=full):
// the executable's (exe: its content, or its Go build ID) and the
// content of the spec the analyzer would find from dir, its templates
// included, so that a changed spec is a different tool. With dir "" the
// identity is the executable's alone.
func ToolID(exe []byte, dir string) string {
	if dir == "" {
		return SpecToolID(exe, "")
	}
	path, err := findSpec(dir)
	if err != nil {
		path = ""
	}
	return SpecToolID(exe, path)
}

// SpecToolID is ToolID for the spec at path, named rather than found
// (-canonize.spec): the flag's hash covers the spec's content, not the
// templates it names, which this identity does. With path "", or a
// file that cannot be read, it is the executable's alone.
func SpecToolID(exe []byte, path string) string {
	h := sha256.New()
	h.Write(exe)
	if path == "" {
		return hex.EncodeToString(h.Sum(nil))
	}
	if data, err := os.ReadFile(path); err == nil {
		h.Write([]byte("\x00spec\x00"))
		h.Write(data)
		hashTemplates(h, path, data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// findSpec finds the spec the commands would use for code in dir: the
// canonize.yaml beside the nearest go.mod above dir, else beside the
// go.work above that (a workspace's spec sits at its root). It returns
// errNoModule when dir is in no module, and an error wrapping
// fs.ErrNotExist when the module has no spec.
func findSpec(dir string) (string, error) {
	inModule := false
	for d := dir; ; d = filepath.Dir(d) {
		mod, work := exists(filepath.Join(d, "go.mod")), exists(filepath.Join(d, "go.work"))
		if mod || work {
			inModule = true
			if p := filepath.Join(d, spec.FileName); exists(p) {
				return p, nil
			}
		}
		if work || filepath.Dir(d) == d {
			break
		}
	}
	if !inModule {
		return "", errNoModule
	}
	return "", fmt.Errorf("no %s in the module or workspace root above %s: %w", spec.FileName, dir, fs.ErrNotExist)
}

// hashTemplates adds the template files the spec lists (templates:):
// they are rules as much as the spec's text is.
func hashTemplates(h io.Writer, path string, data []byte) {
	sp, err := spec.Parse(path, data)
	if err != nil {
		return // the analyzer reports the error; the identity is the spec's
	}
	for _, r := range sp.Rules {
		if r.Go != nil {
			fmt.Fprintf(h, "\x00template\x00%s\x00", r.Go.Listed)
			h.Write(r.Go.Src)
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
