package catalog

// Item is the old name of Product.
//
// Deprecated: use Product (CAT-118: "item" is a marketplace listing now).
type Item = Product

// NewItem returns a product with no tags.
//
// Deprecated: use NewProduct.
//
//go:fix inline
func NewItem(sku, name string, priceCents int64) *Item {
	return NewProduct(sku, name, priceCents)
}
