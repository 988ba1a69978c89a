package analyzer

import (
	"encoding/json"
	"fmt"
	"path/filepath"
)

// exportFiles is the -canonize.export flag: import path -> export data
// file, as go list -export names them, in JSON. The file names hold the
// go command's hash of each package's content, so that the flag, a part
// of the go command's cache key, changes when such a package does: a
// result computed from a package the pass does not depend on is then
// never replayed stale.
type exportFiles map[string]string

func (e *exportFiles) String() string {
	if *e == nil {
		return ""
	}
	data, _ := json.Marshal(*e) // strings: cannot fail
	return string(data)
}

func (e *exportFiles) Set(s string) error {
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return fmt.Errorf("-export wants a JSON object of import path to export data file: %w", err)
	}
	for path, file := range m {
		if !filepath.IsAbs(file) {
			return fmt.Errorf("-export: export data file of %s is not absolute: %q", path, file)
		}
	}
	*e = m
	return nil
}
