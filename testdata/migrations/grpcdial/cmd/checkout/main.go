// Command checkout starts the checkout service and prints its backends.
package main

import (
	"flag"
	"fmt"
	"log"

	"example.com/grpcdial/checkout"
	"example.com/grpcdial/internal/config"
)

func main() {
	local := flag.Bool("local", false, "use the local emulators")
	flag.Parse()
	cfg := config.Production()
	if *local {
		cfg = config.Local()
	}
	s, err := checkout.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	for _, d := range s.Describe() {
		fmt.Println(d)
	}
}
