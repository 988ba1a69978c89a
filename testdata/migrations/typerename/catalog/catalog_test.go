package catalog

import "testing"

func sample() []Product {
	return []Product{
		{SKU: "A1", Name: "Espresso cup", PriceCents: 900, Tags: []string{"kitchen"}},
		{SKU: "B2", Name: "Grinder", PriceCents: 12900, Tags: []string{"Kitchen", "coffee"}},
		{SKU: "C3", Name: "Desk lamp", PriceCents: 4500},
	}
}

func TestSearch(t *testing.T) {
	got := Search(sample(), "kitchen")
	if len(got) != 2 || got[0].SKU != "A1" || got[1].SKU != "B2" {
		t.Fatalf("Search(kitchen) = %v", got)
	}
	if got := Search(sample(), "lamp"); len(got) != 1 || got[0].SKU != "C3" {
		t.Fatalf("Search(lamp) = %v", got)
	}
}

func TestString(t *testing.T) {
	if got := NewProduct("A1", "Cup", 905).String(); got != `A1 "Cup" 9.05` {
		t.Fatalf("String() = %s", got)
	}
}
