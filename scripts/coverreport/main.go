// Command coverreport merges Go coverage profiles in the text format (as
// go test -coverprofile and go tool covdata textfmt write them) and
// prints the statement coverage of every package in them, and the total.
//
//	go run ./scripts/coverreport [-o merged.out] PROFILE...
//
// A block counts as covered if any profile saw it run. Blocks repeated
// within or across profiles (with -coverpkg every test binary reports
// every package) are counted once. With -o the merged profile is written
// in "set" mode, for go tool cover -html or -func. make cover runs it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

func main() {
	out := flag.String("o", "", "also write the merged profile to `FILE`")
	flag.Parse()
	if err := run(flag.Args(), *out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "coverreport:", err)
		os.Exit(1)
	}
}

func run(profiles []string, out string, w io.Writer) error {
	if len(profiles) == 0 {
		return fmt.Errorf("no profiles given")
	}
	blocks := profile{}
	for _, p := range profiles {
		if err := blocks.readFile(p); err != nil {
			return err
		}
	}
	if out != "" {
		if err := blocks.writeFile(out); err != nil {
			return err
		}
	}
	return blocks.report(w)
}

// block is one basic block of a profile: its statements, and whether
// any run covered it.
type block struct {
	stmts   int
	covered bool
}

// profile maps a block's position ("file.go:l.c,l.c") to the block.
type profile map[string]block

func (p profile) readFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := p.read(f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// read adds the blocks of one profile.
func (p profile) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "mode: ") {
			continue
		}
		pos, stmts, count, err := parseLine(line)
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		b := p[pos]
		b.stmts = stmts
		b.covered = b.covered || count > 0
		p[pos] = b
	}
	return sc.Err()
}

// parseLine splits "file.go:l.c,l.c stmts count".
func parseLine(line string) (pos string, stmts int, count int64, err error) {
	f := strings.Fields(line)
	if len(f) != 3 || !strings.Contains(f[0], ":") {
		return "", 0, 0, fmt.Errorf("not a profile line: %q", line)
	}
	if stmts, err = strconv.Atoi(f[1]); err != nil {
		return "", 0, 0, fmt.Errorf("statements in %q: %w", line, err)
	}
	if count, err = strconv.ParseInt(f[2], 10, 64); err != nil {
		return "", 0, 0, fmt.Errorf("count in %q: %w", line, err)
	}
	return f[0], stmts, count, nil
}

// pkgOf is the import path of the file a block position is in.
func pkgOf(pos string) string {
	file, _, _ := strings.Cut(pos, ":")
	return path.Dir(file)
}

// tally is the statements of a package, and how many were covered.
type tally struct{ stmts, covered int }

func (t tally) percent() float64 {
	if t.stmts == 0 {
		return 0
	}
	return 100 * float64(t.covered) / float64(t.stmts)
}

// report prints one line per package, sorted, then the total.
func (p profile) report(w io.Writer) error {
	byPkg := map[string]tally{}
	var total tally
	for pos, b := range p {
		t := byPkg[pkgOf(pos)]
		t.stmts += b.stmts
		total.stmts += b.stmts
		if b.covered {
			t.covered += b.stmts
			total.covered += b.stmts
		}
		byPkg[pkgOf(pos)] = t
	}
	pkgs := make([]string, 0, len(byPkg))
	width := len("total")
	for pkg := range byPkg {
		pkgs = append(pkgs, pkg)
		width = max(width, len(pkg))
	}
	sort.Strings(pkgs)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-*s  %10s  %8s\n", width, "package", "statements", "covered")
	for _, pkg := range pkgs {
		t := byPkg[pkg]
		fmt.Fprintf(bw, "%-*s  %10d  %7.1f%%\n", width, pkg, t.stmts, t.percent())
	}
	fmt.Fprintf(bw, "%-*s  %10d  %7.1f%%\n", width, "total", total.stmts, total.percent())
	return bw.Flush()
}

// writeFile writes the merged profile in set mode, blocks sorted.
func (p profile) writeFile(name string) error {
	keys := make([]string, 0, len(p))
	for pos := range p {
		keys = append(keys, pos)
	}
	sort.Strings(keys)
	var sb strings.Builder
	sb.WriteString("mode: set\n")
	for _, pos := range keys {
		c := 0
		if p[pos].covered {
			c = 1
		}
		fmt.Fprintf(&sb, "%s %d %d\n", pos, p[pos].stmts, c)
	}
	return os.WriteFile(name, []byte(sb.String()), 0o644)
}
