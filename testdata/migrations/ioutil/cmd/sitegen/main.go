// Command sitegen builds a site: pages from -src, assets from -assets,
// into -out.
package main

import (
	"flag"
	"fmt"
	"log"
	"path/filepath"

	"example.com/ioutil/build"
	"example.com/ioutil/content"
)

func main() {
	src := flag.String("src", "content", "pages")
	assets := flag.String("assets", "static", "assets")
	out := flag.String("out", "public", "output directory")
	verbose := flag.Bool("v", false, "log each step")
	flag.Parse()
	build.SetVerbose(*verbose)
	pages, err := content.Load(*src)
	if err != nil {
		log.Fatal(err)
	}
	if err := build.Render(pages, *out); err != nil {
		log.Fatal(err)
	}
	n, err := build.CopyAssets(*assets, filepath.Join(*out, "static"))
	if err != nil {
		log.Fatal(err)
	}
	size, _ := build.AssetBytes(filepath.Join(*out, "static"))
	fmt.Printf("%d page(s), %d asset(s), %d bytes of assets\n", len(pages), n, size)
}
