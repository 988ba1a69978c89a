package content

import (
	"io/ioutil"
	"os"
	"path/filepath"
	"strings"
)

// Stale returns the slugs whose source in src is newer than its page in
// out (or whose page is missing): the incremental build redoes only
// those.
func Stale(src, out string) ([]string, error) {
	infos, err := ioutil.ReadDir(src)
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, fi := range infos {
		if fi.IsDir() || !strings.HasSuffix(fi.Name(), ".md") {
			continue
		}
		slug := strings.TrimSuffix(fi.Name(), ".md")
		built, err := os.Stat(filepath.Join(out, slug+".html"))
		if err != nil || fi.ModTime().After(built.ModTime()) {
			stale = append(stale, slug)
		}
	}
	return stale, nil
}
