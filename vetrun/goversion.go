package vetrun

import (
	"context"
	"encoding/json"
	"fmt"
	"go/version"
	"os/exec"
)

// MinGo is the oldest go command canonize runs: go1.21, the first that
// refuses a module whose go.mod asks for a newer Go (an older one
// reports the module's newer code as missing packages or bad syntax,
// which does not say what is wrong). canonize's output was checked to
// be the same as under go1.26.8 with go1.22.0 and go1.24.0 (the
// example) and go1.21.0 (a case).
const MinGo = "go1.21"

// GoVersionError says the go command found in PATH is older than MinGo.
type GoVersionError struct {
	Go      string // the go command's path, as PATH finds it
	Version string // its GOVERSION; "" when go env has none (before go1.16)
}

func (e *GoVersionError) Error() string {
	have := e.Version
	if have == "" {
		have = "older than go1.16"
	}
	return fmt.Sprintf("the go command %s is %s: canonize needs %s or later to run it", e.Go, have, MinGo)
}

// checkGoVersion returns a *GoVersionError when the go command is older
// than MinGo. It reads go env -json, which the replay's key reads too
// (memo runs it once). A go command that cannot say is let through: the
// run that follows reports what is wrong in the go command's words; so
// is a development build, whose version does not parse.
func checkGoVersion(ctx context.Context, dir string, env []string) error {
	out, err := memo(ctx, dir, env, "go", "env", "-json")
	if err != nil {
		return nil
	}
	var goEnv struct{ GOVERSION string }
	if json.Unmarshal(out, &goEnv) != nil {
		return nil
	}
	v := goEnv.GOVERSION
	if v != "" && (!version.IsValid(v) || version.Compare(v, MinGo) >= 0) {
		return nil
	}
	path, err := exec.LookPath("go")
	if err != nil {
		path = "go"
	}
	return &GoVersionError{Go: path, Version: v}
}
