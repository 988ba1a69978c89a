package vetrun_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/canonize/canonize/vetrun"
	"github.com/canonize/canonize/vettool"
)

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one: Request.Env carries vettool.EnvVar.
func TestMain(m *testing.M) {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	os.Exit(m.Run())
}

// writeModule extracts testdata/module.txtar into a temporary directory.
func writeModule(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/module.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		path := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// request vets dir with this test binary as the tool in linux/amd64
// (./...) and windows/amd64 (./b).
func request(t *testing.T, dir string) vetrun.Request {
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	return vetrun.Request{
		Dir:  dir,
		Tool: exe,
		Env:  []string{vettool.EnvVar + "=1"},
		Args: []string{"-inline"},
		Configs: []vetrun.Config{
			{Name: "linux/amd64", Env: []string{"GOOS=linux", "GOARCH=amd64"}, Patterns: []string{"./..."}},
			{Name: "windows/amd64", Env: []string{"GOOS=windows", "GOARCH=amd64"}, Patterns: []string{filepath.Join(dir, "b")}},
		},
	}
}

// TestRun: findings of both configurations are merged, each once with
// the configurations that reported it (b.go's call is seen by package b,
// its test variant and both configurations); the windows-only file's
// call is windows's alone; the declined call has its reason and no fix;
// Twice, whose body differs on windows, is a conflict and not a finding;
// package c's type error is a PackageError, not a failure.
func TestRun(t *testing.T) {
	dir := writeModule(t)
	req := request(t, dir)
	var progress [][2]int
	req.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	res, err := vetrun.Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]vetrun.Finding{}
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.File)
		key := rel + ":" + itoa(f.Line) + ":" + f.Category
		if _, dup := got[key]; dup {
			t.Errorf("%s reported twice", key)
		}
		got[key] = f
		t.Logf("%s %q %v", key, f.Message, f.Configs)
	}
	both := []string{"linux/amd64", "windows/amd64"}
	checkFinding(t, got, "b/b.go:9:inline_call", both, "a.Pow(v, 2)")
	checkFinding(t, got, "b/b_windows.go:5:inline_call", []string{"windows/amd64"}, "a.Pow(3, 2)")
	checkFinding(t, got, "b/b_test.go:10:inline_call", both, "a.Pow(2, 2)")
	checkFinding(t, got, "b/x_test.go:9:inline_call", both, "a.Pow(2, 2)")
	checkFinding(t, got, "b/b.go:8:inline_declined", both, "")
	if d := got["b/b.go:8:inline_declined"]; !strings.Contains(d.Message, "Call of a.Sub not inlined: ") {
		t.Errorf("declined: message %q", d.Message)
	}
	if len(got) != 5 {
		t.Errorf("%d findings, want 5", len(got))
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].File != filepath.Join(dir, "b/twice.go") ||
		!strings.Contains(res.Conflicts[0].Reason, "5:28: linux/amd64 and windows/amd64 give different fixes") {
		t.Errorf("conflicts: %+v", res.Conflicts)
	}
	if len(res.PackageErrors) != 1 || res.PackageErrors[0].Package != "example.com/m/c" ||
		res.PackageErrors[0].Config != "linux/amd64" || !strings.Contains(res.PackageErrors[0].Msg, "c.go:3:") {
		t.Errorf("package errors: %+v", res.PackageErrors)
	}
	// Packages: a, b's test variant, b's external test and c (which does
	// not type-check) on linux; b's two on windows.
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{6, 6} {
		t.Errorf("progress %v, want it to end at 6 of 6 packages", progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i][0] < progress[i-1][0] || progress[i][1] < progress[i-1][1] {
			t.Errorf("progress goes back: %v", progress)
		}
	}
}

// checkFinding checks a finding's configurations and its fix's one
// edit (none when newText is "").
func checkFinding(t *testing.T, got map[string]vetrun.Finding, key string, configs []string, newText string) {
	t.Helper()
	f, ok := got[key]
	if !ok {
		t.Errorf("no finding %s", key)
		return
	}
	if !slices.Equal(f.Configs, configs) {
		t.Errorf("%s: configurations %v, want %v", key, f.Configs, configs)
	}
	switch {
	case newText == "" && len(f.Fixes) != 0:
		t.Errorf("%s: %d fixes, want none", key, len(f.Fixes))
	case newText == "":
	case len(f.Fixes) != 1 || len(f.Fixes[0].Edits) != 1:
		t.Errorf("%s: fixes %+v, want one edit", key, f.Fixes)
	case !strings.HasSuffix(f.Fixes[0].Edits[0].New, newText) || f.Fixes[0].Edits[0].File != f.File:
		t.Errorf("%s: edit %+v, want %q in its file", key, f.Fixes[0].Edits[0], newText)
	}
}

// TestRunBrokenModule: a go.mod the go command cannot read fails the run
// with a CommandError in the go command's own words.
func TestRunBrokenModule(t *testing.T) {
	dir := writeModule(t)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngarbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := vetrun.Run(context.Background(), request(t, dir))
	var ce *vetrun.CommandError
	if !errors.As(err, &ce) || !strings.Contains(ce.Stderr, "go.mod:3: unknown directive: garbage") ||
		!strings.Contains(err.Error(), "go.mod:3: unknown directive: garbage") {
		t.Fatalf("err = %v, want a CommandError with the go command's complaint about go.mod", err)
	}
}

// TestRunCanceled: a canceled context stops the run with its error.
func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := vetrun.Run(ctx, request(t, writeModule(t)))
	if err == nil || !strings.Contains(err.Error(), context.Canceled.Error()) {
		t.Fatalf("err = %v, want %v", err, context.Canceled)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestRunEach: each configuration's findings stand on their own — the
// file both report differently (twice.go) is in each result with that
// configuration's fix, not a conflict; a finding names the package that
// reported it.
func TestRunEach(t *testing.T) {
	dir := writeModule(t)
	res, err := vetrun.RunEach(context.Background(), request(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want one per configuration", len(res))
	}
	for i, name := range []string{"linux/amd64", "windows/amd64"} {
		r := res[i]
		if len(r.Conflicts) != 0 {
			t.Errorf("%s: conflicts within one configuration: %+v", name, r.Conflicts)
		}
		var twice, windowsOnly int
		for _, f := range r.Findings {
			if !slices.Equal(f.Configs, []string{name}) {
				t.Errorf("%s: finding with configurations %v", name, f.Configs)
			}
			if f.Package == "" {
				t.Errorf("%s: %s:%d: no package", name, f.File, f.Line)
			}
			switch filepath.Base(f.File) {
			case "twice.go":
				twice++
			case "b_windows.go":
				windowsOnly++
			}
		}
		if twice != 1 {
			t.Errorf("%s: %d findings in twice.go, want its own one", name, twice)
		}
		if want := i; windowsOnly != want {
			t.Errorf("%s: %d findings in b_windows.go, want %d", name, windowsOnly, want)
		}
	}
}

// TestOldGoCommand: a go command older than MinGo (here one in PATH that
// reports go1.20.14, or no GOVERSION at all, as before go1.16) stops
// the run with a *GoVersionError naming it and the version needed,
// before any go vet runs; a development build is let through.
func TestOldGoCommand(t *testing.T) {
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t)
	for _, tc := range []struct{ env, want string }{
		{`{"GOVERSION": "go1.20.14"}`, "is go1.20.14: canonize needs " + vetrun.MinGo + " or later"},
		{`{"GOROOT": "/usr/lib/go"}`, "is older than go1.16: canonize needs " + vetrun.MinGo + " or later"},
		{`{"GOVERSION": "devel go1.27-0123456 Fri Dec 4 2026"}`, ""},
	} {
		shim, log := t.TempDir(), filepath.Join(t.TempDir(), "vet.log")
		script := "#!/bin/sh\nif [ \"$1 $2\" = \"env -json\" ]; then echo '" + tc.env + "'; exit 0; fi\n" +
			"echo \"$1\" >>" + log + "\nexec " + real + " \"$@\"\n"
		if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", shim+string(os.PathListSeparator)+os.Getenv("PATH"))
		_, err := vetrun.Run(context.Background(), request(t, dir))
		ran, _ := os.ReadFile(log)
		var ge *vetrun.GoVersionError
		switch {
		case tc.want == "":
			if err != nil || !strings.Contains(string(ran), "vet") {
				t.Errorf("%s: %v, ran %q; want go vet run", tc.env, err, ran)
			}
		case !errors.As(err, &ge) || ge.Go != filepath.Join(shim, "go") || !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s: err = %v, want a GoVersionError naming %s and %q", tc.env, err, filepath.Join(shim, "go"), tc.want)
		case len(ran) != 0:
			t.Errorf("%s: the go command ran %q before the version was checked", tc.env, ran)
		}
	}
}
