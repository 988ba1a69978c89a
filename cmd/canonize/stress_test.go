//go:build stress

// The stress harness (make stress): it replays attacks on apply and
// rollback — a person's edit during verification or during apply's
// writes, signals, kill -9, a tampered journal — in loops with seeded
// randomness, against the real binary on real temp trees, and counts per
// attack the trials tried, survived and lost. Each attack's doc comment
// says what "lost" means for it. It is not part of go test: the build
// tag keeps it out, and it takes minutes.
//
// A failing trial is replayed with the seed printed and its index (and
// the same -stress.attacks and -stress.known, which change the draw):
//
//	make stress STRESS_ARGS='-stress.seed=S -stress.trial=I'
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/canonize/canonize/vettool"
)

var (
	stressTrials   = flag.Int("stress.trials", 200, "total number of trials, spread over the attacks")
	stressSeed     = flag.Uint64("stress.seed", 0, "seed of the randomness (0: from the clock; the seed used is printed)")
	stressTrial    = flag.Int("stress.trial", -1, "run only trial `I` (with the -stress.seed it ran with)")
	stressAttacks  = flag.String("stress.attacks", "", "comma-separated attack names to run (default: all)")
	stressParallel = flag.Int("stress.parallel", 2, "trials run at once")
	stressKnown    = flag.Bool("stress.known", true, "also draw the attacks that found the bugs fixed since (an edit in apply's or rollback's read-to-write window, two journal tamperings): see attackWriteWindow and knownMutations; =false leaves them out")
)

// holdEnv makes the test binary run as canonize (as asMainEnv does) with
// a hold at one durability point of apply, "K:DIR": at point K apply
// creates DIR/held and waits for DIR/go. Unlike pauseAt, which blocks
// until the process is killed, the hold lets the test act at an exact
// moment and then lets apply go on. Read in init, which runs before
// TestMain, so main_test.go needs no hook for it.
const holdEnv = "CANONIZE_STRESS_HOLD"

func init() {
	if v := os.Getenv(holdEnv); v != "" {
		os.Exit(runHeld(v))
	}
}

func runHeld(v string) int {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:]) // the go command runs canonize as its vet tool
	}
	ks, dir, _ := strings.Cut(v, ":")
	k, _ := strconv.Atoi(ks)
	hold := func(point int) {
		if point != k {
			return
		}
		os.WriteFile(filepath.Join(dir, "held"), nil, 0o644)
		waitFile(filepath.Join(dir, "go"), time.Minute)
	}
	return run(os.Args[1:], os.Stdout, os.Stderr, deps{onDurable: hold})
}

// attack is one kind of trial. run returns what the trial saw; it calls
// t.Fatal only when the harness itself cannot go on.
type attack struct {
	name string
	run  func(t *testing.T, fx *fixture, rng *rand.Rand, mark string) verdict
}

// verdict is one trial's result: lost lists what the attack's definition
// of lost found (empty: survived); anomalies are unexpected states that
// lost nothing; how says which variant ran, for the log.
type verdict struct {
	how       string
	lost      []string
	anomalies []string
}

func (v *verdict) lose(format string, args ...any) {
	v.lost = append(v.lost, fmt.Sprintf(format, args...))
}
func (v *verdict) odd(format string, args ...any) {
	v.anomalies = append(v.anomalies, fmt.Sprintf(format, args...))
}

func attacks() []attack {
	return []attack{
		{"edit-verify", attackEditVerify},
		{"edit-write", attackWriteWindow},
		{"signal", attackSignal},
		{"kill9", attackKill},
		{"tamper", attackTamper},
	}
}

func TestStress(t *testing.T) {
	seed := *stressSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	list := selectAttacks(t)
	fmt.Printf("stress: seed %d, %d trials over %d attacks, %d at once\n", seed, *stressTrials, len(list), *stressParallel)
	fx := newFixture(t)
	tl := newTally(list)
	began := time.Now()
	t.Run("trials", func(t *testing.T) {
		sem := make(chan struct{}, max(1, *stressParallel))
		for i := 0; i < *stressTrials; i++ {
			if *stressTrial >= 0 && i != *stressTrial {
				continue
			}
			a := list[i%len(list)]
			t.Run(fmt.Sprintf("%03d-%s", i, a.name), func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				runTrial(t, tl, a, fx, seed, i)
			})
		}
	})
	tl.print(time.Since(began))
	if n := tl.lost(); n > 0 {
		t.Errorf("%d trial(s) lost something; replay one with -stress.seed=%d -stress.trial=I (and the same -stress.attacks)", n, seed)
	}
}

// runTrial runs trial i of attack a with its own random source, seeded
// by the run's seed and i, and counts its verdict. A trial whose harness
// failed (t.Fatal) counts as lost: nothing says it survived.
func runTrial(t *testing.T, tl *tally, a attack, fx *fixture, seed uint64, i int) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	mark := fmt.Sprintf("canonize-stress-mark-%d-%d", i, rng.Uint32())
	v := verdict{how: "harness failed"}
	done := false
	defer func() {
		if !done {
			v.lose("the harness stopped the trial (see the error above)")
		}
		tl.add(a.name, i, v)
	}()
	v = a.run(t, fx, rng, mark)
	done = true
	state := "survived"
	if len(v.lost) > 0 {
		state = "LOST"
	}
	// One line per trial, on stdout: go test shows it without -v.
	fmt.Printf("%4d %-11s %-8s %s\n", i, a.name, state, v.how)
	for _, l := range v.lost {
		t.Errorf("trial %d %s (seed %d) LOST: %s", i, a.name, seed, l)
	}
}

func selectAttacks(t *testing.T) []attack {
	all := attacks()
	if *stressAttacks == "" {
		return all
	}
	var out []attack
	for _, name := range strings.Split(*stressAttacks, ",") {
		found := false
		for _, a := range all {
			if a.name == name {
				out, found = append(out, a), true
			}
		}
		if !found {
			t.Fatalf("-stress.attacks: no attack %q", name)
		}
	}
	return out
}

// tally counts verdicts per attack; trials run in parallel.
type tally struct {
	mu        sync.Mutex
	order     []string
	counts    map[string]*[3]int // tried, survived, lost
	anomalies []string
}

func newTally(list []attack) *tally {
	tl := &tally{counts: map[string]*[3]int{}}
	for _, a := range list {
		tl.order = append(tl.order, a.name)
		tl.counts[a.name] = new([3]int)
	}
	return tl
}

func (tl *tally) add(name string, i int, v verdict) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	c := tl.counts[name]
	c[0]++
	if len(v.lost) > 0 {
		c[2]++
	} else {
		c[1]++
	}
	for _, o := range v.anomalies {
		tl.anomalies = append(tl.anomalies, fmt.Sprintf("trial %d %s (%s): %s", i, name, v.how, o))
	}
}

func (tl *tally) lost() int {
	n := 0
	for _, c := range tl.counts {
		n += c[2]
	}
	return n
}

// print writes the summary table, then every anomaly.
func (tl *tally) print(took time.Duration) {
	var total [3]int
	fmt.Printf("\n%-12s %6s %9s %5s\n", "attack", "tried", "survived", "lost")
	for _, name := range tl.order {
		c := tl.counts[name]
		fmt.Printf("%-12s %6d %9d %5d\n", name, c[0], c[1], c[2])
		for k := range total {
			total[k] += c[k]
		}
	}
	fmt.Printf("%-12s %6d %9d %5d\n", "total", total[0], total[1], total[2])
	fmt.Printf("took %v; %d anomalies (states that lost nothing but were not expected)\n", took.Round(time.Second), len(tl.anomalies))
	for _, a := range tl.anomalies {
		fmt.Println("  " + a)
	}
}

// fixture is the apply fixture (applyTree) as every trial starts from
// it, and what applying phase 2 makes of it.
type fixture struct {
	files      []string          // phase 2's files, in the order apply writes them
	orig       map[string][]byte // before the phase
	applied    map[string][]byte // after it
	start      string            // userTree of the untouched tree
	done       string            // userTree once phase 2 is applied
	appliedDir string            // a tree with phase 2 applied (verify true), to copy
}

func newFixture(t *testing.T) *fixture {
	base := applyTree(t)
	fx := &fixture{
		files: []string{"a/a.go", "b/b.go", "c/c.go", "d/d.go", "e/e.go"},
		orig:  map[string][]byte{}, applied: map[string][]byte{},
		start: userTree(t, base),
	}
	fx.appliedDir = copyTree(t, base)
	mustRun(t, fx.appliedDir, 0, "apply", "--phase", "2", "--verify", "true")
	fx.done = userTree(t, fx.appliedDir)
	for _, f := range fx.files {
		fx.orig[f], _ = os.ReadFile(filepath.Join(base, f))
		fx.applied[f], _ = os.ReadFile(filepath.Join(fx.appliedDir, f))
		if bytes.Equal(fx.orig[f], fx.applied[f]) {
			t.Fatalf("fixture: phase 2 does not change %s", f)
		}
	}
	return fx
}

// markEdit is a person's edit adding mark to content. Away from
// canonize's change (a comment line at the top) a three-way merge keeps
// both; on it (a comment at the end of the line canonize rewrites) the
// merge conflicts.
func markEdit(content []byte, mark string, on bool) []byte {
	if !on {
		return append([]byte("// "+mark+"\n"), content...)
	}
	lines := strings.SplitAfter(string(content), "\n")
	for i, l := range lines {
		if strings.Contains(l, "return ws.") {
			lines[i] = strings.TrimSuffix(l, "\n") + " // " + mark + "\n"
		}
	}
	return []byte(strings.Join(lines, ""))
}

// saveEdit saves a person's edit of file as an editor does: the new
// content goes to a temp file renamed over it (inPlace: truncated and
// rewritten where it is, as some editors do).
func saveEdit(t *testing.T, file, mark string, on, inPlace bool) {
	t.Helper()
	cur, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("person's edit: %v", err)
	}
	data := markEdit(cur, mark, on)
	if inPlace {
		err = os.WriteFile(file, data, 0o644)
	} else {
		tmp := file + ".mine~"
		if err = os.WriteFile(tmp, data, 0o644); err == nil {
			err = os.Rename(tmp, file)
		}
	}
	if err != nil {
		t.Fatalf("person's edit: %v", err)
	}
}

// markKept says where mark is: in file (relative to dir), or in a file
// under .canonize/ (a saved copy of the person's content); "" if in
// neither — the edit is lost.
func markKept(t *testing.T, dir, file, mark string) string {
	t.Helper()
	if data, err := os.ReadFile(filepath.Join(dir, file)); err == nil && bytes.Contains(data, []byte(mark)) {
		return file
	}
	where := ""
	filepath.WalkDir(filepath.Join(dir, ".canonize"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || where != "" {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte(mark)) {
			where, _ = filepath.Rel(dir, p)
		}
		return nil
	})
	return where
}

// proc is canonize running in the background.
type proc struct {
	cmd      *exec.Cmd
	out, err bytes.Buffer
	done     chan struct{}
	exit     exitStatus
}

// exitStatus is how a process ended: its code, or the signal that
// killed it (code -1).
type exitStatus struct {
	code int
	sig  syscall.Signal
}

func (e exitStatus) String() string {
	if e.sig != 0 {
		return "killed by " + e.sig.String()
	}
	return "exit " + strconv.Itoa(e.code)
}

// start runs canonize (the built binary, or the test binary as canonize
// when env asks for it) in dir; a watchdog kills it after two minutes.
func start(t *testing.T, dir string, env []string, exe string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(exe, args...), done: make(chan struct{})}
	p.cmd.Dir, p.cmd.Env = dir, append(binaryEnv(), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.err
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dog := time.AfterFunc(2*time.Minute, func() { p.cmd.Process.Kill() })
	go func() {
		err := p.cmd.Wait()
		dog.Stop()
		p.exit = exitOf(err)
		close(p.done)
	}()
	return p
}

func (p *proc) wait() exitStatus { <-p.done; return p.exit }

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func exitOf(err error) exitStatus {
	ee, ok := err.(*exec.ExitError)
	if !ok {
		return exitStatus{}
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return exitStatus{-1, ws.Signal()}
	}
	return exitStatus{code: ee.ExitCode()}
}

// waitFile waits until path exists, at most d; it says whether it does.
func waitFile(path string, d time.Duration) bool {
	end := time.Now().Add(d)
	for {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		if time.Now().After(end) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// flagDir is a directory outside the module for the files the verify
// commands and the hold use to signal; removed at the end of the trial,
// ignoring a late write from a process the trial killed.
func flagDir(t *testing.T) string {
	d, err := os.MkdirTemp("", "canonize-stress-flags")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// ms is a random duration of lo to hi milliseconds.
func ms(rng *rand.Rand, lo, hi int) time.Duration {
	return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Millisecond
}

// secs formats d for sleep(1).
func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }
