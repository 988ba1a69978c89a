package main

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// modulePath is the path of the generated module.
const modulePath = "example.com/big"

// layerDirs name the directories of the layers, lowest first. A package of
// layer k lives in layerDirs[k]/sNNNN.
var layerDirs = [...]string{"base", "util", "store", "model", "domain", "policy", "service", "svc", "api", "app"}

// module is the layout of a generated module: which packages exist, what
// each imports and which files call the deprecated API. The text of every
// file follows from it and the seed.
type module struct {
	seed     uint64
	layers   int
	pkgs     []pkg
	affected int
}

type pkg struct {
	name  string // s0042
	dir   string // svc/s0042
	layer int
	deps  []int  // indexes of imported packages, all in lower layers
	first int    // global index of the package's first file
	files int    // number of files
	calls []bool // calls[j]: file j calls websocket.OpenManager
}

func (p *pkg) path() string { return modulePath + "/" + p.dir }

// newModule lays out files Go files over about files/10 packages in a
// layered DAG and picks round(files*percent/100) of them to call
// websocket.OpenManager.
func newModule(files int, percent float64, seed uint64) *module {
	n := max(1, int(math.Round(float64(files)/10)))
	// The depth grows with the size, as in real code: 8 layers for 100
	// packages, 10 (the most) from about 360 packages on.
	layers := min(n, len(layerDirs), max(1, int(math.Round(math.Log2(float64(n))))+1))
	m := &module{seed: seed, layers: layers, pkgs: make([]pkg, n)}
	width := max(4, len(fmt.Sprint(n-1)))
	first := 0
	for i := range m.pkgs {
		p := &m.pkgs[i]
		p.layer = i * layers / n
		p.name = fmt.Sprintf("s%0*d", width, i)
		p.dir = layerDirs[p.layer] + "/" + p.name
		p.first = first
		p.files = (i+1)*files/n - i*files/n
		p.calls = make([]bool, p.files)
		first += p.files
	}
	r := rand.New(rand.NewPCG(seed, 0x6c61796f7574)) // "layout"
	for i := range m.pkgs {
		m.pkgs[i].deps = m.pickDeps(r, i)
	}
	m.affected = int(math.Round(float64(files) * percent / 100))
	m.pickAffected(r)
	return m
}

// pickDeps chooses one to three distinct imports for package i: always one
// from the layer just below (which makes the DAG as deep as it has layers),
// the others from the three layers below it.
func (m *module) pickDeps(r *rand.Rand, i int) []int {
	k := m.pkgs[i].layer
	if k == 0 {
		return nil
	}
	lo, hi := m.layerRange(k - 1)
	deps := []int{lo + r.IntN(hi-lo)}
	lo, _ = m.layerRange(max(0, k-3))
	for range r.IntN(3) {
		d := lo + r.IntN(hi-lo)
		if !containsInt(deps, d) {
			deps = append(deps, d)
		}
	}
	return deps
}

// layerRange returns the half-open range of package indexes of layer k.
func (m *module) layerRange(k int) (lo, hi int) {
	n := len(m.pkgs)
	lo = (k*n + m.layers - 1) / m.layers
	hi = ((k+1)*n + m.layers - 1) / m.layers
	return lo, hi
}

// pickAffected marks m.affected files, round-robin over the packages in a
// shuffled order so that they are spread over as many packages as there
// can be.
func (m *module) pickAffected(r *rand.Rand) {
	order := r.Perm(len(m.pkgs))
	fileOrder := make([][]int, len(m.pkgs))
	for i, p := range m.pkgs {
		fileOrder[i] = r.Perm(p.files)
	}
	left := m.affected
	for round := 0; left > 0; round++ {
		for _, i := range order {
			if left == 0 {
				break
			}
			if round < m.pkgs[i].files {
				m.pkgs[i].calls[fileOrder[i][round]] = true
				left--
			}
		}
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// write writes the module under dir, which must not exist or be empty.
// Packages are written in parallel; the text of each file depends only on
// the layout and the seed, so the output does not depend on scheduling.
func (m *module) write(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	if err := m.writeFile(dir, "go.mod", []byte("module "+modulePath+"\n\ngo 1.26\n")); err != nil {
		return err
	}
	if err := m.writeFile(dir, "canonize.yaml", []byte(specYAML)); err != nil {
		return err
	}
	for name, text := range websocketFiles {
		if err := m.writeFile(dir, "websocket/"+name, []byte(text)); err != nil {
			return err
		}
	}
	work := make(chan int)
	errs := make([]error, len(m.pkgs))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				errs[i] = m.writePackage(dir, i)
			}
		})
	}
	for i := range m.pkgs {
		work <- i
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

func (m *module) writePackage(dir string, i int) error {
	p := &m.pkgs[i]
	for j := range p.files {
		name := fmt.Sprintf("%s/%s_%d.go", p.dir, p.name, j)
		if err := m.writeFile(dir, name, m.source(i, j)); err != nil {
			return err
		}
	}
	return nil
}

func (m *module) writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

const specYAML = `version: 1
name: bench
imports:
  websocket: example.com/big/websocket
rules:
  - id: open-manager
    match: websocket.OpenManager($ctx, $u)
    replace: websocket.NewWebSocketManager($ctx, $u)
`
