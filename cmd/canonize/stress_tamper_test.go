//go:build stress

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// attackTamper: after phase 2 is applied (and, in a third of the trials,
// one of its files rolled back), the journal is mutated at random, one
// to three times (see mutations), and canonize runs status, rollback
// --all and, in a quarter of the trials, apply. The module sits in a
// directory with files of its own, which tampered paths aim at.
//
// Survived: every command exits 0 or 2 (2 with a "canonize:" message),
// none panics, nothing outside the module changes, every phase file is
// whole (its content from before the phase or canonize's), every other
// file is untouched, no file anywhere in the module is setuid, setgid,
// sticky or world-writable. Lost: any of that failed. Anomalies: exit 1
// (a refused conflicting rollback), raw control characters in the
// output, a file whose mode changed.
func attackTamper(t *testing.T, fx *fixture, rng *rand.Rand, _ string) verdict {
	parent := t.TempDir()
	mod := filepath.Join(parent, "mod")
	if err := os.Rename(copyTree(t, fx.appliedDir), mod); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(parent, "outside.go"), []byte("package outside\n"), 0o644)
	os.MkdirAll(filepath.Join(parent, "a"), 0o755)
	os.WriteFile(filepath.Join(parent, "a", "a.go"), []byte("package a // outside\n"), 0o644)
	if rng.IntN(3) == 0 {
		mustRun(t, mod, 0, "rollback", fx.files[rng.IntN(len(fx.files))])
	}
	outside := outsideTree(t, parent)
	jpath := filepath.Join(mod, ".canonize", "journal.jsonl")
	data, _ := os.ReadFile(jpath)
	var names []string
	for n := 1 + rng.IntN(3); n > 0; n-- {
		m := mutations[rng.IntN(len(mutations))]
		names = append(names, m.name)
		data = m.do(rng, data, parent, mod)
	}
	os.WriteFile(jpath, data, 0o644)
	v := verdict{how: strings.Join(names, "+")}
	cmds := [][]string{{"status"}, {"rollback", "--all"}}
	if rng.IntN(4) == 0 {
		cmds = append(cmds, []string{"apply", "--phase", "2", "--verify", "true"})
	}
	for _, args := range cmds {
		checkRun(canonize(t, mod, args...), args, &v)
	}
	if outsideTree(t, parent) != outside {
		v.lose("a file outside the module changed")
	}
	checkFiles(t, fx, mod, &v)
	return v
}

// outsideTree fingerprints parent without the module.
func outsideTree(t *testing.T, parent string) string {
	var keep []string
	for _, l := range strings.Split(treeHash(t, parent), "\n") {
		if !strings.HasPrefix(l, "mod/") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

var rawControl = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]")

func checkRun(r result, args []string, v *verdict) {
	out := r.stdout + r.stderr
	switch {
	case strings.Contains(out, "panic:") || strings.Contains(out, "goroutine "):
		v.lose("%s panicked:\n%s", args[0], out)
	case r.code == 2 && !strings.Contains(r.stderr, "canonize:"):
		v.lose("%s: exit 2 without a message:\n%s", args[0], out)
	case r.code == 1 && strings.Contains(r.stderr, "nothing was written"):
		v.odd("%s: exit 1, a conflict refused", args[0])
	case r.code != 0 && r.code != 2:
		v.lose("%s: exit %d:\n%s", args[0], r.code, out)
	}
	if rawControl.MatchString(out) {
		v.odd("%s printed raw control characters: %q", args[0], rawControl.FindAllString(out, 5))
	}
}

// checkFiles: phase files whole, other files untouched, no new file, no
// dangerous mode anywhere in the module (.canonize included).
func checkFiles(t *testing.T, fx *fixture, mod string, v *verdict) {
	filepath.WalkDir(mod, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			v.lose("walk: %v", err)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(mod, p)
		if m := info.Mode(); m&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) != 0 || m.Perm()&0o002 != 0 {
			v.lose("%s has mode %v", rel, m)
		}
		if d.IsDir() || strings.HasPrefix(rel, ".canonize") {
			return nil
		}
		checkUserFile(fx, mod, filepath.ToSlash(rel), info.Mode(), v)
		return nil
	})
}

func checkUserFile(fx *fixture, mod, rel string, mode fs.FileMode, v *verdict) {
	got, _ := os.ReadFile(filepath.Join(mod, rel))
	ref := filepath.Join(fx.appliedDir, rel)
	want, err := os.ReadFile(ref)
	if err != nil {
		v.lose("%s: a file that was not in the module", rel)
		return
	}
	if orig, ok := fx.orig[rel]; ok {
		if !bytes.Equal(got, orig) && !bytes.Equal(got, fx.applied[rel]) {
			v.lose("%s is neither its content before the phase nor canonize's:\n%s", rel, got)
		}
	} else if !bytes.Equal(got, want) {
		v.lose("%s changed:\n%s", rel, got)
	}
	if info, err := os.Stat(ref); err == nil && info.Mode() != mode {
		v.odd("%s: mode %v, was %v", rel, mode, info.Mode())
	}
}

// mutation is one way to tamper with the journal's bytes.
type mutation struct {
	name string
	do   func(rng *rand.Rand, data []byte, parent, mod string) []byte
}

var mutations = []mutation{
	{"flip-byte", func(rng *rand.Rand, data []byte, _, _ string) []byte {
		if len(data) > 0 {
			data[rng.IntN(len(data))] ^= 1 << rng.IntN(8)
		}
		return data
	}},
	{"truncate", func(rng *rand.Rand, data []byte, _, _ string) []byte {
		return data[:rng.IntN(len(data)+1)]
	}},
	{"duplicate-line", func(rng *rand.Rand, data []byte, _, _ string) []byte {
		lines := splitLines(data)
		i := rng.IntN(len(lines))
		j := rng.IntN(len(lines) + 1)
		return bytes.Join(append(lines[:j:j], append([][]byte{lines[i]}, lines[j:]...)...), nil)
	}},
	{"delete-line", func(rng *rand.Rand, data []byte, _, _ string) []byte {
		lines := splitLines(data)
		i := rng.IntN(len(lines))
		return bytes.Join(append(lines[:i:i], lines[i+1:]...), nil)
	}},
	{"negative-phase", field(`"phase":\d+`, `"phase":-2`, `"phase":-1`, `"phase":0`, `"phase":99999999999999999999`, `"phase":4`)},
	{"setuid-mode", field(`"mode":\d+`, `"mode":2541`, `"mode":1517`, `"mode":1023`,
		fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSetuid|0o755)), fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSetgid|0o644)),
		fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSymlink|0o777)), `"mode":-1`)},
	{"world-writable-mode", field(`"mode":\d+`, `"mode":511`, `"mode":438`, `"mode":0`)},
	{"unknown-op", field(`"op":"[a-z]+"`, `"op":"wipe"`, `"op":""`, `"op":"WRITE"`, `"op":7`, `"op":null`, `"op":"write\u0000"`)},
	{"control-note", field(`"op":`, `"note":"\u001b[2J\u001b[31mowned\r\u0007\u0000","op":`,
		`"note":"a\nb\u009b31m","op":`, "\"note\":\"raw\x1b[31m\x07\",\"op\":")},
	{"path-escape", pathField},
	{"swap-hashes", func(rng *rand.Rand, data []byte, _, _ string) []byte {
		re := regexp.MustCompile(`"before":"([0-9a-f]+)","after":"([0-9a-f]+)"`)
		return oneMatch(rng, data, re, func(m []byte) []byte { return re.ReplaceAll(m, []byte(`"before":"$2","after":"$1"`)) })
	}},
	{"missing-snapshot", field(`"(before|after)":"[0-9a-f]+"`, `"before":"`+strings.Repeat("ab", 32)+`"`,
		`"after":"`+strings.Repeat("0", 64)+`"`, `"before":"../../outside.go"`, `"after":"ABC"`)},
	{"bad-seq", field(`"seq":\d+`, `"seq":0`, `"seq":1`, `"seq":-5`, `"seq":1e3`, `"seq":"2"`)},
}

// field replaces one random match of pattern with one of the values.
func field(pattern string, values ...string) func(*rand.Rand, []byte, string, string) []byte {
	re := regexp.MustCompile(pattern)
	return func(rng *rand.Rand, data []byte, _, _ string) []byte {
		v := values[rng.IntN(len(values))]
		return oneMatch(rng, data, re, func([]byte) []byte { return []byte(v) })
	}
}

// pathField points one record's path out of the module, into .git or
// .canonize, or at a path that is not clean.
func pathField(rng *rand.Rand, data []byte, parent, mod string) []byte {
	paths := []string{"../outside.go", "../a/a.go", "a/../../outside.go", filepath.Join(parent, "outside.go"),
		filepath.Join(mod, "a", "a.go"), ".canonize/journal.jsonl", ".git/config", "./a/a.go", "a//a.go",
		"a/a.go\\u0000x", "", "..", ".canonize-tmp-1"}
	p := paths[rng.IntN(len(paths))]
	re := regexp.MustCompile(`"path":"[^"]*"`)
	return oneMatch(rng, data, re, func([]byte) []byte { return []byte(`"path":"` + p + `"`) })
}

// oneMatch replaces one random match of re in data with repl of it.
func oneMatch(rng *rand.Rand, data []byte, re *regexp.Regexp, repl func([]byte) []byte) []byte {
	locs := re.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return data
	}
	l := locs[rng.IntN(len(locs))]
	out := append([]byte(nil), data[:l[0]]...)
	out = append(out, repl(data[l[0]:l[1]])...)
	return append(out, data[l[1]:]...)
}

func splitLines(data []byte) [][]byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 1 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}
