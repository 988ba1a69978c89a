// Package metrics is the shop's in-process metrics: counters with
// labels, grouped by subsystem, exposed in a text format.
package metrics

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Subsystems name the part of the shop a metric belongs to.
const (
	SubsystemHTTP = "http"
	SubsystemDB   = "db"
)

// Opts names a metric.
type Opts struct {
	Subsystem string
	Name      string
	Help      string
}

// FullName is subsystem_name.
func (o Opts) FullName() string {
	if o.Subsystem == "" {
		return o.Name
	}
	return o.Subsystem + "_" + o.Name
}

// Counter counts events per label values.
type Counter struct {
	opts   Opts
	labels []string
	mu     sync.Mutex
	counts map[string]float64
}

// NewCounter returns a counter with the given label names.
func NewCounter(opts Opts, labels ...string) *Counter {
	return &Counter{opts: opts, labels: labels, counts: map[string]float64{}}
}

// Add adds v for the label values (one per label name).
func (c *Counter) Add(v float64, values ...string) {
	if len(values) != len(c.labels) {
		panic(fmt.Sprintf("metrics: %s: %d label values for %d labels", c.opts.FullName(), len(values), len(c.labels)))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[strings.Join(values, "\x00")] += v
}

// Inc adds 1.
func (c *Counter) Inc(values ...string) { c.Add(1, values...) }

// Value returns the count for the label values.
func (c *Counter) Value(values ...string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[strings.Join(values, "\x00")]
}

// Registry holds counters by full name.
type Registry struct {
	mu       sync.Mutex
	counters map[string]*Counter
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{counters: map[string]*Counter{}} }

// Default is the process-wide registry.
var Default = NewRegistry()

// Register adds c; a second counter with the same name is an error.
func (r *Registry) Register(c *Counter) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	name := c.opts.FullName()
	if _, dup := r.counters[name]; dup {
		return fmt.Errorf("metrics: %s registered twice", name)
	}
	r.counters[name] = c
	return nil
}

// Expose writes every counter as "name{labels} value" lines, sorted.
func (r *Registry) Expose() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var lines []string
	for name, c := range r.counters {
		c.mu.Lock()
		for key, v := range c.counts {
			var pairs []string
			for i, val := range strings.Split(key, "\x00") {
				if i < len(c.labels) {
					pairs = append(pairs, fmt.Sprintf("%s=%q", c.labels[i], val))
				}
			}
			lines = append(lines, fmt.Sprintf("%s{%s} %g", name, strings.Join(pairs, ","), v))
		}
		c.mu.Unlock()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
