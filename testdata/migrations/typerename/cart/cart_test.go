package cart

import (
	"errors"
	"testing"

	"example.com/typerename/catalog"
)

func lookup(sku string) (*catalog.Item, bool) {
	if sku == "A1" {
		return catalog.NewItem("A1", "Espresso cup", 900), true
	}
	return nil, false
}

func TestAddMerges(t *testing.T) {
	c := New(lookup)
	for i := 0; i < 3; i++ {
		if err := c.Add("A1", 1); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.Lines) != 1 || c.Lines[0].Qty != 3 || c.Lines[0].Name != "Espresso cup" {
		t.Fatalf("Lines = %+v", c.Lines)
	}
	if err := c.Add("ZZ", 1); !errors.Is(err, ErrUnknownSKU) {
		t.Fatalf("Add(ZZ) = %v", err)
	}
}
