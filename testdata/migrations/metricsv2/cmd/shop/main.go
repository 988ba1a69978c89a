// Command shop serves the shop's API; -metrics prints the metrics once
// and exits.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"

	"example.com/metricsv2/api"
	"example.com/metricsv2/metrics"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	dump := flag.Bool("metrics", false, "print the metrics and exit")
	flag.Parse()
	if *dump {
		fmt.Println(metrics.DefaultRegistry.Expose())
		return
	}
	log.Fatal(http.ListenAndServe(*addr, api.Routes()))
}
