package vetrun

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// replayed is what one go vet run printed, as stored for a replay.
type replayed struct {
	Stdout, Stderr []byte
}

// replayDir is where replays are stored, or "" when $CANONIZE_NOCACHE
// is set or there is no user cache directory.
func replayDir() string {
	if os.Getenv("CANONIZE_NOCACHE") != "" {
		return ""
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "canonize", "vet")
}

// replayKey names one configuration's run: the tree's fingerprint, the
// go command's environment as it reports it (go env -json: the Go
// version, GOROOT, GOFLAGS, the C toolchain), the tool's identity as the
// go command asks for it (TOOL -V=full: canonize's covers its executable,
// the spec and its templates), the arguments and the configuration's
// environment. base is replayBase's. "" when the configuration has no
// fingerprint or the key cannot be formed.
func replayKey(base string, req Request, cfg Config, args []string) string {
	if base == "" || cfg.Fingerprint == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\nfingerprint %s\ndir %s\n", base, cfg.Fingerprint, req.Dir)
	fmt.Fprintf(h, "args %q\nenv %q\ncfg %q\n", args, req.Env, cfg.Env)
	return hex.EncodeToString(h.Sum(nil))
}

// replayBase is what the keys of one request's configurations share: go
// env -json and the tool's -V=full identity, asked once per request;
// "" when no configuration has a fingerprint or they cannot be had.
func replayBase(ctx context.Context, req Request, env []string) string {
	if replayDir() == "" || !slices.ContainsFunc(req.Configs, func(c Config) bool { return c.Fingerprint != "" }) {
		return ""
	}
	goEnv, err := goEnvKey(ctx, req.Dir, env)
	if err != nil {
		return ""
	}
	// Asked for each request, not memoized: the spec may change between
	// two runs of one process.
	cmd := exec.CommandContext(ctx, req.Tool, "-V=full")
	cmd.Dir, cmd.Env = req.Dir, env
	tool, err := cmd.Output()
	if err != nil {
		return ""
	}
	return fmt.Sprintf("tool %s\ngo env %s", tool, goEnv)
}

// goEnvKey is go env -json without GOGCCFLAGS, which names a temporary
// directory of its own on every run.
func goEnvKey(ctx context.Context, dir string, env []string) ([]byte, error) {
	out, err := memo(ctx, dir, env, "go", "env", "-json")
	if err != nil {
		return nil, err
	}
	var vars map[string]string
	if err := json.Unmarshal(out, &vars); err != nil {
		return nil, err
	}
	delete(vars, "GOGCCFLAGS")
	return json.Marshal(vars) // keys sorted
}

var memos sync.Map // command, dir and environment -> standard output

// memo runs a command in dir with env, once per process for the same
// command, dir and environment, and returns its standard output (for
// go env, which reads nothing a run of canonize changes).
func memo(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	k := strings.Join(append([]string{name, dir}, append(args, env...)...), "\x00")
	if v, ok := memos.Load(k); ok {
		return v.([]byte), nil
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	memos.Store(k, out)
	return out, nil
}

// replay reads a stored run; ok is false when there is none.
func replay(key string) (r replayed, ok bool) {
	if key == "" {
		return r, false
	}
	file := filepath.Join(replayDir(), key)
	data, err := os.ReadFile(file)
	if err != nil || gob.NewDecoder(bytes.NewReader(data)).Decode(&r) != nil {
		return r, false
	}
	now := time.Now()
	os.Chtimes(file, now, now) // read: kept another replayAge
	return r, true
}

// replayAge is how long a stored run is kept unread.
const replayAge = 7 * 24 * time.Hour

// store keeps a run for replay, atomically, and drops the runs nobody
// read for replayAge; a failure to store is no failure of the run.
func store(key string, r replayed) {
	dir := replayDir()
	if key == "" || dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(r) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, key+".tmp*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(dir, key)) != nil {
		os.Remove(tmp.Name())
		return
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > replayAge {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// GoOutput runs the go command with args in dir and env and returns its
// standard output; a failure is a *CommandError, with what the command
// printed on standard output too. With the tree's fingerprint
// (Config.Fingerprint), a successful run's output is stored, and
// replayed instead of running the command while the fingerprint, the
// go command's environment and the arguments are the same and valid
// accepts it (the files it names still exist, say). A go command older
// than MinGo is a *GoVersionError, before it runs.
func GoOutput(ctx context.Context, dir string, env []string, fingerprint string, args []string, valid func([]byte) bool) ([]byte, error) {
	if err := checkGoVersion(ctx, dir, env); err != nil {
		return nil, err
	}
	key := ""
	if fingerprint != "" && replayDir() != "" {
		if goEnv, err := goEnvKey(ctx, dir, env); err == nil {
			h := sha256.New()
			// go env, run with env, reflects every variable of it the go
			// command reads.
			fmt.Fprintf(h, "go output\nfingerprint %s\ndir %s\nargs %q\ngo env %s\n", fingerprint, dir, args, goEnv)
			key = hex.EncodeToString(h.Sum(nil))
		}
	}
	if r, ok := replay(key); ok && valid(r.Stdout) {
		return r.Stdout, nil
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, &CommandError{Config: "host", Dir: dir, Args: args, Stderr: strings.TrimSpace(stderr.String()), Err: err}
	}
	store(key, replayed{Stdout: out})
	return out, nil
}
