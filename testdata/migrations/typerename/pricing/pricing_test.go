package pricing

import (
	"testing"

	"example.com/typerename/cart"
	"example.com/typerename/catalog"
)

func TestTotalWithPromotion(t *testing.T) {
	cup := catalog.Item{SKU: "A1", Name: "Cup", PriceCents: 1000, Tags: []string{"kitchen"}}
	lamp := catalog.NewItem("C3", "Lamp", 4500)
	byID := map[string]*catalog.Item{"A1": &cup, "C3": lamp}
	c := cart.New(func(sku string) (*catalog.Item, bool) { it, ok := byID[sku]; return it, ok })
	c.Add("A1", 2)
	c.Add("C3", 1)
	if got := Subtotal(c); got != 6500 {
		t.Fatalf("Subtotal = %d", got)
	}
	if got := Total(c, Promotion{Tag: "kitchen", PercentOff: 10}); got != 6300 {
		t.Fatalf("Total = %d", got)
	}
}

func TestDescribe(t *testing.T) {
	it := catalog.Item{Name: "Cup", PriceCents: 1000}
	if got := Describe(it); got != "Cup: 1000" {
		t.Errorf("Describe(Item) = %q", got)
	}
	if got := Describe(&it); got != "Cup: 1000" {
		t.Errorf("Describe(*Item) = %q", got)
	}
	if got := Describe(cart.Line{Item: it, Qty: 2}); got != "2x Cup: 2000" {
		t.Errorf("Describe(Line) = %q", got)
	}
}
