package catalog

import "strings"

// Search returns the items whose name contains q or that are tagged q,
// in their order in items.
func Search(items []Item, q string) []Item {
	var out []Item
	for i := range items {
		it := &items[i]
		if strings.Contains(strings.ToLower(it.Name), strings.ToLower(q)) || it.HasTag(q) {
			out = append(out, *it)
		}
	}
	return out
}

// Index maps each SKU to its product.
func Index(products []Product) map[string]*Product {
	m := make(map[string]*Product, len(products))
	for i := range products {
		m[products[i].SKU] = &products[i]
	}
	return m
}
