// Package build renders a site's pages and copies its assets into the
// output directory.
package build

import (
	"fmt"
	"html"
	"io/ioutil"
	"log"
	"os"
	"path/filepath"

	"example.com/ioutil/content"
)

// Verbose sends the build log to stderr; by default it is discarded.
var logger = log.New(ioutil.Discard, "build: ", 0)

// SetVerbose turns the build log on or off.
func SetVerbose(on bool) {
	if on {
		logger.SetOutput(os.Stderr)
		return
	}
	logger.SetOutput(ioutil.Discard)
}

// Render writes one HTML file per page into out. It renders into a
// temporary directory beside out and renames it, so a failed build
// leaves the previous site in place.
func Render(pages []content.Page, out string) error {
	tmp, err := ioutil.TempDir(filepath.Dir(out), ".render-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, p := range pages {
		doc := fmt.Sprintf("<h1>%s</h1>\n<p>%s</p>\n", html.EscapeString(p.Title), html.EscapeString(string(p.Body)))
		if err := ioutil.WriteFile(filepath.Join(tmp, p.Slug+".html"), []byte(doc), 0o644); err != nil {
			return err
		}
		logger.Printf("rendered %s", p.Slug)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
