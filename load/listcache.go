package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// listCache remembers each file's imports by size and modification time,
// so that listing a large module again reads only the files that changed.
// It lives in the user's cache directory (never in the module) and is an
// optimisation only: a missing or unreadable cache is rebuilt.
//
// A file modified within racyWindow before the cache was written is not
// trusted (it could change again within the same timestamp tick), the
// way git treats "racily clean" index entries.
type listCache struct {
	Written time.Time
	Files   map[string]cacheItem

	path  string
	mu    sync.Mutex
	fresh map[string]cacheItem
}

type cacheItem struct {
	Size    int64
	Mod     int64 // UnixNano
	Imports []string
}

const racyWindow = 2 * time.Second

// openListCache reads the cache of the module at root; $CANONIZE_NOCACHE
// set disables it.
func openListCache(root string) *listCache {
	c := &listCache{Files: map[string]cacheItem{}, fresh: map[string]cacheItem{}}
	if os.Getenv("CANONIZE_NOCACHE") != "" {
		return c
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return c
	}
	sum := sha256.Sum256([]byte(root))
	c.path = filepath.Join(dir, "canonize", "imports-"+hex.EncodeToString(sum[:8])+".gob")
	if data, err := os.ReadFile(c.path); err == nil {
		var old listCache
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&old) == nil && old.Files != nil {
			c.Written, c.Files = old.Written, old.Files
		}
	}
	return c
}

// lookup returns the cached imports of a file whose size and time match
// and were not racy when the cache was written.
func (c *listCache) lookup(path string, info os.FileInfo) ([]string, bool) {
	e, ok := c.Files[path]
	if !ok || e.Size != info.Size() || e.Mod != info.ModTime().UnixNano() {
		return nil, false
	}
	if c.Written.Sub(info.ModTime()) < racyWindow {
		return nil, false
	}
	return e.Imports, true
}

// store records a file's imports for the next run.
func (c *listCache) store(path string, info os.FileInfo, imports []string) {
	c.mu.Lock()
	c.fresh[path] = cacheItem{Size: info.Size(), Mod: info.ModTime().UnixNano(), Imports: imports}
	c.mu.Unlock()
}

// save writes the entries seen in this run (others are dropped), if
// anything was read from disk anew.
func (c *listCache) save(missed bool) {
	if c.path == "" || !missed {
		return
	}
	c.Files, c.Written = c.fresh, time.Now()
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(c) != nil {
		return
	}
	data := buf.Bytes()
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	tmp := c.path + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, c.path)
	}
}
