package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/vettool"
)

// cacheProgEnv makes the test binary a GOCACHEPROG program (the go
// command's external build cache protocol, cmd/go/internal/cacheprog)
// storing every entry in the directory it names: the storage that CI
// runners with their own GOCACHE share.
const cacheProgEnv = "CANONIZE_TEST_CACHEPROG"

// cacheRequest and cacheResponse are the protocol's messages.
type cacheRequest struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type cacheResponse struct {
	ID            int64
	Err           string   `json:",omitempty"`
	KnownCommands []string `json:",omitempty"`
	Miss          bool     `json:",omitempty"`
	OutputID      []byte   `json:",omitempty"`
	Size          int64    `json:",omitempty"`
	DiskPath      string   `json:",omitempty"`
}

// cacheEntry is what a put stores under its action ID.
type cacheEntry struct {
	OutputID []byte
	Size     int64
}

// serveCache answers the go command on stdin and stdout until it asks
// to close: a put's body (a base64 JSON string on the line after its
// request) is stored as a file named by its output ID, and the action
// ID maps to that output.
func serveCache(dir string) int {
	in := json.NewDecoder(bufio.NewReader(os.Stdin))
	out := json.NewEncoder(os.Stdout)
	if out.Encode(cacheResponse{KnownCommands: []string{"get", "put", "close"}}) != nil {
		return 1
	}
	for {
		var req cacheRequest
		if err := in.Decode(&req); err != nil {
			return 1
		}
		var body []byte
		if req.Command == "put" && req.BodySize > 0 {
			if err := in.Decode(&body); err != nil {
				return 1
			}
		}
		resp := answer(dir, req, body)
		if out.Encode(resp) != nil || req.Command == "close" {
			return 0
		}
	}
}

func answer(dir string, req cacheRequest, body []byte) cacheResponse {
	resp := cacheResponse{ID: req.ID}
	action := filepath.Join(dir, "a-"+hex.EncodeToString(req.ActionID))
	switch req.Command {
	case "get":
		data, err := os.ReadFile(action)
		var e cacheEntry
		if err != nil || json.Unmarshal(data, &e) != nil {
			resp.Miss = true
			return resp
		}
		resp.OutputID, resp.Size = e.OutputID, e.Size
		resp.DiskPath = filepath.Join(dir, "o-"+hex.EncodeToString(e.OutputID))
	case "put":
		disk := filepath.Join(dir, "o-"+hex.EncodeToString(req.OutputID))
		data, _ := json.Marshal(cacheEntry{OutputID: req.OutputID, Size: int64(len(body))})
		// Atomic (report.go's writer): two runners may put one entry at once.
		if err := writeAtomic(disk, body); err != nil {
			resp.Err = err.Error()
		} else if err := writeAtomic(action, data); err != nil {
			resp.Err = err.Error()
		}
		resp.DiskPath = disk
	case "close":
	default:
		resp.Err = "unknown command " + req.Command
	}
	return resp
}

// TestSharedCacheWarmEverywhere: two CI runners, each with a build cache
// of its own (an empty GOCACHE) but one GOCACHEPROG backed by shared
// storage, check the same checkout. The first runner's check runs
// canonize's Analyzer on the module's packages; the second's is a replay
// of what the first stored: the tool runs on no package, and it prints
// the same. Nothing in canonize is told about the shared cache.
func TestSharedCacheWarmEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library's export data twice into empty caches: not in -short")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	shared := t.TempDir()
	dir := extract(t, "../../testdata/cases/match_reexport_wrapper.txtar")
	runner := func(name string) (result, int) {
		trace := filepath.Join(t.TempDir(), name+".trace")
		// canonize's own replay is off: the go command's cache is tested.
		env := []string{"GOCACHE=" + t.TempDir(), "GOCACHEPROG=" + self, cacheProgEnv + "=" + shared, vettool.TraceEnv + "=" + trace, noReplay}
		r := canonizeEnv(t, dir, env, "check")
		if r.code == 2 {
			t.Fatalf("runner %s: check failed (exit %d):\n%s", name, r.code, r.stderr)
		}
		return r, traceLines(t, trace)
	}
	first, ran := runner("first")
	if ran == 0 {
		t.Fatalf("the first runner ran the tool on no package: its cache was not empty?\n%s", first.stderr)
	}
	second, ranAgain := runner("second")
	if ranAgain != 0 {
		t.Errorf("the second runner, with an empty GOCACHE and the shared GOCACHEPROG, ran the tool on %d package(s), want 0", ranAgain)
	}
	if second.stdout != first.stdout || second.code != first.code {
		t.Errorf("the runners differ: exit %d against %d\nfirst:\n%s\nsecond:\n%s", second.code, first.code, first.stdout, second.stdout)
	}
	entries, _ := os.ReadDir(shared)
	t.Logf("first runner: tool ran on %d package(s); shared storage holds %d files", ran, len(entries))
	if len(entries) == 0 {
		t.Errorf("nothing was stored in %s", shared)
	}
}
