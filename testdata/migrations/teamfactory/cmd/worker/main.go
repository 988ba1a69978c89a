// Command worker runs queued jobs named on its command line for one
// tenant and reports each to the "worker" topic.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"example.com/teamfactory/internal/jobs"
	"example.com/teamfactory/platform"
)

func main() {
	tenant := flag.String("tenant", "default", "tenant to run jobs for")
	flag.Parse()
	ctx := platform.WithTenant(context.Background(), *tenant)
	status := platform.GetClientFactory().Create(ctx, *tenant)
	defer status.Close()
	for _, name := range flag.Args() {
		ok, err := jobs.Run(ctx, name, *tenant, "")
		if !ok {
			log.Printf("no job %q; known: %v", name, jobs.Names())
			continue
		}
		if err := status.SendLegacy(fmt.Sprintf("%s err=%v", name, err), "worker"); err != nil {
			log.Fatal(err)
		}
	}
}
