package content

import (
	"io/ioutil"
	"path/filepath"
	"strings"
)

// Load reads every page (*.md) in dir, in name order; subdirectories
// are sections, read by LoadSections.
func Load(dir string) ([]Page, error) {
	entries, err := ioutil.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		src, err := ioutil.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		p, err := Parse(strings.TrimSuffix(e.Name(), ".md"), src)
		if err != nil {
			return nil, err
		}
		if !p.Draft || includeDrafts {
			pages = append(pages, p)
		}
	}
	return pages, nil
}

// LoadSections reads each subdirectory of dir as a section.
func LoadSections(dir string) (map[string][]Page, error) {
	entries, err := ioutil.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]Page{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		pages, err := Load(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[e.Name()] = pages
	}
	return out, nil
}
