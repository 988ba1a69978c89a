// Command feedgen prints the nightly product feed of a sample catalog.
package main

import (
	"log"
	"os"

	"example.com/typerename/catalog"
	"example.com/typerename/feed"
)

func main() {
	items := map[string]catalog.Item{
		"A1": *catalog.NewItem("A1", "Espresso cup", 900),
		"B2": *catalog.NewItem("B2", "Grinder", 12900),
	}
	if err := feed.Write(os.Stdout, feed.Build(items, "https://shop.example")); err != nil {
		log.Fatal(err)
	}
}
