package vettool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExeIdentity: the identity -V=full hashes is the executable's Go
// build ID, as go tool buildid reads it, whose last part hashes the
// linked content.
func TestExeIdentity(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(out))
	if got := elfBuildID(exe); got != want {
		t.Fatalf("build ID read: %q; go tool buildid: %q", got, want)
	}
	if id, err := exeIdentity(exe); err != nil || string(id) != "go-buildid:"+want {
		t.Fatalf("identity %q, %v", id, err)
	}
	// A file that is not an executable is identified by its content.
	other := filepath.Join(t.TempDir(), "tool")
	if err := os.WriteFile(other, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if id, err := exeIdentity(other); err != nil || string(id) != "#!/bin/sh\n" {
		t.Fatalf("identity of a script: %q, %v", id, err)
	}
}
