package vetrun

import (
	"os"
	"path/filepath"
	"strings"
)

// untrimmed returns env with -trimpath taken out of the go command's
// GOFLAGS (from the environment, else from go env -w's file). With
// -trimpath the go command leaves the package directory out of a vet
// action's cache key, so two copies of a module (two checkouts, two
// temporary directories) share cached results that carry the first
// copy's file names, and the second loses its findings.
func untrimmed(env []string) []string {
	flags, set := lookupEnv(env, "GOFLAGS")
	if !set {
		flags = goEnvFile(env)["GOFLAGS"]
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

// goEnvFile reads the settings go env -w writes: the file $GOENV names
// ("off": none), else go/env in the user's configuration directory.
// Reading it costs nothing next to starting go env (tens of
// milliseconds on every run).
func goEnvFile(env []string) map[string]string {
	path, set := lookupEnv(env, "GOENV")
	if !set || path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return nil
		}
		path = filepath.Join(dir, "go", "env")
	}
	if path == "off" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && !strings.HasPrefix(k, "#") {
			out[strings.TrimSpace(k)] = v
		}
	}
	return out
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
func baseEnv(req Request) []string {
	return untrimmed(append(os.Environ(), req.Env...))
}
