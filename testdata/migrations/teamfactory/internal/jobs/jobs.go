// Package jobs holds the worker's job handlers. The handlers are
// generated from jobs.yaml by jobgen (zz_generated_handlers.go); this
// file holds what jobgen does not write.
package jobs

import (
	"context"
	"sort"
)

// Handler runs one job for a tenant.
type Handler func(ctx context.Context, tenant, arg string) error

var handlers = map[string]Handler{}

func register(name string, h Handler) { handlers[name] = h }

// Names lists the registered jobs in name order.
func Names() []string {
	out := make([]string, 0, len(handlers))
	for n := range handlers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Run runs job name, or reports false if there is none.
func Run(ctx context.Context, name, tenant, arg string) (bool, error) {
	h, ok := handlers[name]
	if !ok {
		return false, nil
	}
	return true, h(ctx, tenant, arg)
}
