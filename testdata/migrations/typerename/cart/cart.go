// Package cart holds a shopper's cart.
package cart

import (
	"errors"

	"example.com/typerename/catalog"
	"example.com/typerename/internal/lru"
)

// ErrUnknownSKU is returned for a SKU the catalog does not have.
var ErrUnknownSKU = errors.New("cart: unknown SKU")

// Line is one product in the cart and how many.
type Line struct {
	catalog.Item
	Qty int
}

// Cart is a shopper's cart.
type Cart struct {
	Lines  []Line
	lookup func(sku string) (*catalog.Item, bool)
	recent *lru.Cache[string, *catalog.Item]
}

// New returns an empty cart over a catalog lookup.
func New(lookup func(sku string) (*catalog.Item, bool)) *Cart {
	return &Cart{lookup: lookup, recent: lru.New[string, *catalog.Item](32)}
}

// Add adds qty of sku.
func (c *Cart) Add(sku string, qty int) error {
	it, ok := c.recent.Get(sku)
	if !ok {
		if it, ok = c.lookup(sku); !ok {
			return ErrUnknownSKU
		}
		c.recent.Put(sku, it)
	}
	for i := range c.Lines {
		if c.Lines[i].SKU == sku {
			c.Lines[i].Qty += qty
			return nil
		}
	}
	c.Lines = append(c.Lines, Line{Item: *it, Qty: qty})
	return nil
}

// Products returns the cart's products, one per line.
func (c *Cart) Products() []catalog.Item {
	out := make([]catalog.Item, 0, len(c.Lines))
	for _, l := range c.Lines {
		out = append(out, l.Item)
	}
	return out
}
