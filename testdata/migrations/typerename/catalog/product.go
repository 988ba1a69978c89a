// Package catalog is the shop's product catalog. Its central type was
// called Item until the marketplace launch, when "item" came to mean a
// seller's listing; it is Product now, and Item is an alias kept while
// the other packages move.
package catalog

import (
	"fmt"
	"strings"
)

// Product is one thing the shop sells.
type Product struct {
	SKU        string   `json:"sku"`
	Name       string   `json:"name"`
	PriceCents int64    `json:"price_cents"`
	Tags       []string `json:"tags,omitempty"`
}

// NewProduct returns a product with no tags.
func NewProduct(sku, name string, priceCents int64) *Product {
	return &Product{SKU: sku, Name: name, PriceCents: priceCents}
}

// String formats p for logs.
func (p Product) String() string {
	return fmt.Sprintf("%s %q %d.%02d", p.SKU, p.Name, p.PriceCents/100, p.PriceCents%100)
}

// HasTag reports whether p is tagged t (case-insensitively).
func (p *Product) HasTag(t string) bool {
	for _, x := range p.Tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}
