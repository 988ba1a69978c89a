package vetrun

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUntrimmed(t *testing.T) {
	for _, tc := range []struct{ goflags, want string }{
		{"-trimpath", ""},
		{"-mod=mod -trimpath -tags=x", "-mod=mod -tags=x"},
		{"--trimpath=true", ""},
	} {
		env := untrimmed([]string{"A=1", "GOFLAGS=" + tc.goflags})
		if got, _ := lookupEnv(env, "GOFLAGS"); got != tc.want {
			t.Errorf("GOFLAGS=%q: vet runs with GOFLAGS=%q, want %q", tc.goflags, got, tc.want)
		}
	}
	env := []string{"GOFLAGS=-mod=mod"}
	if got := untrimmed(env); len(got) != 1 {
		t.Errorf("GOFLAGS without -trimpath: env changed to %q", got)
	}
}

// TestUntrimmedGoEnvFile: a GOFLAGS set with go env -w (not in the
// environment) is read as the go command reads it, and -trimpath is
// taken out of it.
func TestUntrimmedGoEnvFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "env")
	env := []string{"GOENV=" + file, "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "GOCACHE=" + t.TempDir()}
	cmd := exec.Command("go", "env", "-w", "GOFLAGS=-mod=mod -trimpath")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go env -w: %v\n%s", err, out)
	}
	cmd = exec.Command("go", "env", "GOFLAGS")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := goEnvFile(env)["GOFLAGS"]; got != strings.TrimSpace(string(out)) {
		t.Errorf("GOFLAGS from the go env file: %q; go env GOFLAGS: %q", got, strings.TrimSpace(string(out)))
	}
	if got, _ := lookupEnv(untrimmed(env), "GOFLAGS"); got != "-mod=mod" {
		t.Errorf("vet runs with GOFLAGS=%q, want -mod=mod", got)
	}
	if got := goEnvFile(append(env, "GOENV=off"))["GOFLAGS"]; got != "" {
		t.Errorf("GOENV=off: GOFLAGS %q read", got)
	}
}
