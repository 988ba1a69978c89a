// Package pricing totals carts and applies promotions.
package pricing

import (
	"fmt"

	"example.com/typerename/cart"
	"example.com/typerename/catalog"
)

// Sum adds f(x) over xs.
func Sum[T any](xs []T, f func(T) int64) int64 {
	var n int64
	for _, x := range xs {
		n += f(x)
	}
	return n
}

// Subtotal is the cart's total before promotions.
func Subtotal(c *cart.Cart) int64 {
	return Sum(c.Lines, func(l cart.Line) int64 { return l.Item.PriceCents * int64(l.Qty) })
}

// Promotion discounts some products.
type Promotion struct {
	Tag        string
	PercentOff int64
}

// Discount is what p takes off it.
func (p Promotion) Discount(it catalog.Item) int64 {
	if !it.HasTag(p.Tag) {
		return 0
	}
	return it.PriceCents * p.PercentOff / 100
}

// Total is the subtotal minus every promotion's discount.
func Total(c *cart.Cart, promos ...Promotion) int64 {
	total := Subtotal(c)
	for _, l := range c.Lines {
		for _, p := range promos {
			total -= p.Discount(l.Item) * int64(l.Qty)
		}
	}
	return total
}

// Describe formats a price for anything the checkout page shows.
func Describe(v any) string {
	switch x := v.(type) {
	case catalog.Item:
		return fmt.Sprintf("%s: %d", x.Name, x.PriceCents)
	case *catalog.Item:
		return fmt.Sprintf("%s: %d", x.Name, x.PriceCents)
	case cart.Line:
		return fmt.Sprintf("%dx %s: %d", x.Qty, x.Name, x.PriceCents*int64(x.Qty))
	}
	return fmt.Sprint(v)
}
