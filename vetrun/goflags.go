package vetrun

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// untrimmed returns env with -trimpath taken out of the go command's
// GOFLAGS (from the environment, else from go env -w's file). With
// -trimpath the go command leaves the package directory out of a vet
// action's cache key, so two copies of a module (two checkouts, two
// temporary directories) share cached results that carry the first
// copy's file names, and the second loses its findings.
func untrimmed(ctx context.Context, dir string, env []string) []string {
	flags, set := lookupEnv(env, "GOFLAGS")
	if !set {
		cmd := exec.CommandContext(ctx, "go", "env", "GOFLAGS")
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.Output()
		if err != nil {
			return env // the vet run itself will say what is wrong
		}
		flags = strings.TrimSpace(string(out))
	}
	fields := strings.Fields(flags)
	kept := fields[:0]
	for _, f := range fields {
		switch strings.TrimLeft(f, "-") {
		case "trimpath", "trimpath=true", "trimpath=1":
			continue
		}
		kept = append(kept, f)
	}
	if len(kept) == len(strings.Fields(flags)) {
		return env
	}
	return append(env, "GOFLAGS="+strings.Join(kept, " "))
}

// lookupEnv is os.LookupEnv over env, where a later entry wins.
func lookupEnv(env []string, key string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], key+"="); ok {
			return v, true
		}
	}
	return "", false
}

// baseEnv is the environment every go vet run starts from.
func baseEnv(ctx context.Context, req Request) []string {
	return untrimmed(ctx, req.Dir, append(os.Environ(), req.Env...))
}
