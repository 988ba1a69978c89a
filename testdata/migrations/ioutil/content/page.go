// Package content reads a site's pages: one Markdown file per page,
// with a "key: value" header ended by a line "---".
package content

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Page is one source page.
type Page struct {
	// Slug is the file name without its extension.
	Slug  string
	Title string
	Draft bool
	Body  []byte
}

// Parse parses a page's source.
func Parse(slug string, src []byte) (Page, error) {
	p := Page{Slug: slug}
	head, body, ok := bytes.Cut(src, []byte("\n---\n"))
	if !ok {
		return p, fmt.Errorf("%s: no header", slug)
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		switch strings.TrimSpace(k) {
		case "title":
			p.Title = strings.TrimSpace(v)
		case "draft":
			p.Draft = strings.TrimSpace(v) == "true"
		}
	}
	p.Body = body
	return p, nil
}
