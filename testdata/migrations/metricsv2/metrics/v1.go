package metrics

// This file is the v1 API, kept while the shop moves to v2 (OBS-77).

// HTTPSubsystem is the v1 name of SubsystemHTTP.
//
// Deprecated: use SubsystemHTTP.
const HTTPSubsystem = SubsystemHTTP

// DefaultRegistry is the v1 name of Default.
//
// Deprecated: use Default.
var DefaultRegistry = Default

// NewCounterVec returns a counter named subsystem_name.
//
// Deprecated: use NewCounter, which takes the names as Opts.
func NewCounterVec(subsystem, name, help string, labels ...string) *Counter {
	return NewCounter(Opts{Subsystem: subsystem, Name: name, Help: help}, labels...)
}
