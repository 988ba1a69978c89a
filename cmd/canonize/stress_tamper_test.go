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
	tc := tamperTree(t, fx, rng)
	outside := outsideTree(t, tc.parent)
	jpath := filepath.Join(tc.mod, ".canonize", "journal.jsonl")
	data, _ := os.ReadFile(jpath)
	var names []string
	for n := 1 + rng.IntN(3); n > 0; n-- {
		m := tc.draw(rng)
		names = append(names, m.name)
		data = m.do(tc, data)
	}
	os.WriteFile(jpath, data, 0o644)
	v := verdict{how: strings.Join(names, "+")}
	if tc.gone != "" {
		v.how += " (" + tc.gone + " deleted)"
	}
	cmds := [][]string{{"status"}, {"rollback", "--all"}}
	if rng.IntN(4) == 0 {
		cmds = append(cmds, []string{"apply", "--phase", "2", "--verify", "true"})
	}
	for _, args := range cmds {
		r := canonize(t, tc.mod, args...)
		v.how += fmt.Sprintf(", %s %d", args[0], r.code)
		checkRun(r, args, &v)
	}
	if outsideTree(t, tc.parent) != outside {
		v.lose("a file outside the module changed")
	}
	checkFiles(t, fx, tc.mod, tc.gone, &v)
	return v
}

// tamperCtx is one tamper trial's tree: the module mod inside parent,
// beside files a tampered path may aim at; gone is a phase file a person
// deleted ("" if none).
type tamperCtx struct {
	rng               *rand.Rand
	parent, mod, gone string
}

// tamperTree copies the applied fixture into a new parent directory,
// rolls one file back in a third of the trials and deletes one (a
// person's doing; rollback then restores it with the journal's mode) in
// a quarter.
func tamperTree(t *testing.T, fx *fixture, rng *rand.Rand) *tamperCtx {
	tc := &tamperCtx{rng: rng, parent: t.TempDir()}
	tc.mod = filepath.Join(tc.parent, "mod")
	if err := os.Rename(copyTree(t, fx.appliedDir), tc.mod); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(tc.parent, "outside.go"), []byte("package outside\n"), 0o644)
	os.MkdirAll(filepath.Join(tc.parent, "a"), 0o755)
	os.WriteFile(filepath.Join(tc.parent, "a", "a.go"), []byte("package a // outside\n"), 0o644)
	if rng.IntN(3) == 0 {
		mustRun(t, tc.mod, 0, "rollback", fx.files[rng.IntN(len(fx.files))])
	}
	if rng.IntN(4) == 0 {
		tc.gone = fx.files[rng.IntN(len(fx.files))]
		os.Remove(filepath.Join(tc.mod, tc.gone))
	}
	return tc
}

// draw picks a mutation. Known failures (-stress.known) are drawn only
// when asked for; without it, a trial with a deleted file draws no
// mutation that can change a mode, as a mode in the journal is what
// restores a deleted file (see knownMutations).
func (tc *tamperCtx) draw(rng *rand.Rand) mutation {
	list := mutations
	if *stressKnown {
		list = append(append([]mutation(nil), mutations...), knownMutations...)
	}
	for {
		m := list[rng.IntN(len(list))]
		if *stressKnown || tc.gone == "" || !m.mode {
			return m
		}
	}
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

// checkFiles: phase files whole (or still deleted, for gone), other
// files untouched, no new file, no dangerous mode anywhere in the
// module (.canonize included).
func checkFiles(t *testing.T, fx *fixture, mod, gone string, v *verdict) {
	for _, f := range fx.files {
		if _, err := os.Stat(filepath.Join(mod, f)); err != nil && f != gone {
			v.lose("%s is missing", f)
		}
	}
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

// mutation is one way to tamper with the journal's bytes; mode says it
// can change a record's mode.
type mutation struct {
	name string
	do   func(tc *tamperCtx, data []byte) []byte
	mode bool
}

var mutations = []mutation{
	{"flip-byte", flipByte, true},
	{"truncate", func(tc *tamperCtx, data []byte) []byte { return data[:tc.rng.IntN(len(data)+1)] }, false},
	{"duplicate-line", duplicateLine, false},
	{"delete-line", deleteLine, false},
	{"negative-phase", field(`"phase":\d+`, `"phase":-2`, `"phase":-1`, `"phase":0`, `"phase":99999999999999999999`, `"phase":4`), false},
	{"setuid-mode", field(`"mode":\d+`, `"mode":2541`, `"mode":1517`, `"mode":1023`,
		fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSetuid|0o755)), fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSetgid|0o644)),
		fmt.Sprintf(`"mode":%d`, uint32(fs.ModeSymlink|0o777)), `"mode":-1`), false},
	{"world-writable-mode", field(`"mode":\d+`, `"mode":511`, `"mode":438`, `"mode":0`), true},
	{"unknown-op", field(`"op":"[a-z]+"`, `"op":"wipe"`, `"op":""`, `"op":"WRITE"`, `"op":7`, `"op":null`, `"op":"write\u0000"`), false},
	{"control-note", field(`"op":`, `"note":"\u001b[2J\u001b[31mowned\r\u0007\u0000","op":`,
		`"note":"a\nb\u009b31m","op":`, "\"note\":\"raw\x1b[31m\x07\",\"op\":"), false},
	{"path-escape", pathField, false},
	{"swap-hashes", swapHashes, false},
	{"missing-snapshot", hashField(strings.Repeat("ab", 32), strings.Repeat("0", 64), "../../outside.go", "ABC"), false},
	{"bad-seq", field(`"seq":\d+`, `"seq":0`, `"seq":1`, `"seq":-5`, `"seq":1e3`, `"seq":"2"`), false},
}

// knownMutations make rollback do what the survival rules forbid; they
// are known findings, drawn only with -stress.known:
//
//   - drop-before: a write record without "before" says canonize created
//     the file; rollback --all then deletes it (exit 0, "restored"), its
//     content from before the phase left in an unreferenced snapshot;
//   - world-writable-deleted: a phase file a person deleted, its write
//     record's mode set to 0777 (permission bits, which the journal's
//     check accepts); rollback --all restores it world-writable.
var knownMutations = []mutation{
	{"drop-before", func(tc *tamperCtx, data []byte) []byte {
		return oneMatch(tc.rng, data, regexp.MustCompile(`"before":"[0-9a-f]+",`), func([]byte) []byte { return nil })
	}, false},
	{"world-writable-deleted", func(tc *tamperCtx, data []byte) []byte {
		if tc.gone == "" {
			tc.gone = [...]string{"a/a.go", "b/b.go", "c/c.go", "d/d.go", "e/e.go"}[tc.rng.IntN(5)]
			os.Remove(filepath.Join(tc.mod, tc.gone))
		}
		re := regexp.MustCompile(`("path":"` + regexp.QuoteMeta(tc.gone) + `".*)"mode":\d+`)
		return re.ReplaceAll(data, []byte(`${1}"mode":511`))
	}, true},
}

func flipByte(tc *tamperCtx, data []byte) []byte {
	if len(data) > 0 {
		data[tc.rng.IntN(len(data))] ^= 1 << tc.rng.IntN(8)
	}
	return data
}

func duplicateLine(tc *tamperCtx, data []byte) []byte {
	lines := splitLines(data)
	i, j := tc.rng.IntN(len(lines)), tc.rng.IntN(len(lines)+1)
	return bytes.Join(append(lines[:j:j], append([][]byte{lines[i]}, lines[j:]...)...), nil)
}

func deleteLine(tc *tamperCtx, data []byte) []byte {
	lines := splitLines(data)
	i := tc.rng.IntN(len(lines))
	return bytes.Join(append(lines[:i:i], lines[i+1:]...), nil)
}

func swapHashes(tc *tamperCtx, data []byte) []byte {
	re := regexp.MustCompile(`"before":"([0-9a-f]+)","after":"([0-9a-f]+)"`)
	return oneMatch(tc.rng, data, re, func(m []byte) []byte { return re.ReplaceAll(m, []byte(`"before":"$2","after":"$1"`)) })
}

// field replaces one random match of pattern with one of the values.
func field(pattern string, values ...string) func(*tamperCtx, []byte) []byte {
	re := regexp.MustCompile(pattern)
	return func(tc *tamperCtx, data []byte) []byte {
		v := values[tc.rng.IntN(len(values))]
		return oneMatch(tc.rng, data, re, func([]byte) []byte { return []byte(v) })
	}
}

// hashField gives one record's before or after one of the values,
// keeping the key.
func hashField(values ...string) func(*tamperCtx, []byte) []byte {
	re := regexp.MustCompile(`"(before|after)":"[0-9a-f]+"`)
	return func(tc *tamperCtx, data []byte) []byte {
		v := values[tc.rng.IntN(len(values))]
		return oneMatch(tc.rng, data, re, func(m []byte) []byte { return re.ReplaceAll(m, []byte(`"$1":"`+v+`"`)) })
	}
}

// pathField points one record's path out of the module, into .git or
// .canonize, or at a path that is not clean.
func pathField(tc *tamperCtx, data []byte) []byte {
	paths := []string{"../outside.go", "../a/a.go", "a/../../outside.go", filepath.Join(tc.parent, "outside.go"),
		filepath.Join(tc.mod, "a", "a.go"), ".canonize/journal.jsonl", ".git/config", "./a/a.go", "a//a.go",
		"a/a.go\\u0000x", "", "..", ".canonize-tmp-1"}
	p := paths[tc.rng.IntN(len(paths))]
	re := regexp.MustCompile(`"path":"[^"]*"`)
	return oneMatch(tc.rng, data, re, func([]byte) []byte { return []byte(`"path":"` + p + `"`) })
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
