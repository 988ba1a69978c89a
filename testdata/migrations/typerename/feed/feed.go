// Package feed writes the product feed the price-comparison sites
// fetch every night.
package feed

import (
	"encoding/json"
	"io"
	"sort"

	"example.com/typerename/catalog"
)

// Entry is one product in the feed.
type Entry struct {
	catalog.Item
	URL string `json:"url"`
}

// Build returns the feed's entries for products, by SKU.
func Build(products map[string]catalog.Item, baseURL string) []Entry {
	skus := make([]string, 0, len(products))
	for sku := range products {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	out := make([]Entry, 0, len(skus))
	for _, sku := range skus {
		out = append(out, Entry{Item: products[sku], URL: baseURL + "/p/" + sku})
	}
	return out
}

// Write writes entries as JSON lines.
func Write(w io.Writer, entries []Entry) error {
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}

// FromProducts converts the catalog's products.
func FromProducts(ps []catalog.Product) map[string]catalog.Item {
	m := make(map[string]catalog.Item, len(ps))
	for _, p := range ps {
		m[p.SKU] = catalog.Item(p)
	}
	return m
}
