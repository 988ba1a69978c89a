package feed

import (
	"bytes"
	"testing"

	"example.com/typerename/catalog"
)

func TestWrite(t *testing.T) {
	products := FromProducts([]catalog.Product{
		{SKU: "B2", Name: "Grinder", PriceCents: 12900},
		{SKU: "A1", Name: "Cup", PriceCents: 900},
	})
	var buf bytes.Buffer
	if err := Write(&buf, Build(products, "https://shop.example")); err != nil {
		t.Fatal(err)
	}
	want := `{"sku":"A1","name":"Cup","price_cents":900,"url":"https://shop.example/p/A1"}
{"sku":"B2","name":"Grinder","price_cents":12900,"url":"https://shop.example/p/B2"}
`
	if buf.String() != want {
		t.Fatalf("feed:\n%s\nwant:\n%s", buf.String(), want)
	}
}
