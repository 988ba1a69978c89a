// Command loadgen prints a batch of synthetic request kinds.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"

	"example.com/randseed/loadgen"
)

func main() {
	seed := flag.Int64("seed", 0, "seed for a reproducible run (0: random)")
	n := flag.Int("n", 10, "requests to draw")
	kinds := flag.String("kinds", "read,write,list", "request kinds")
	flag.Parse()
	if *seed != 0 {
		rand.Seed(*seed)
	}
	g := loadgen.New(loadgen.Config{Kinds: strings.Split(*kinds, ",")})
	for _, k := range g.Batch(*n) {
		fmt.Println(k)
	}
}
