// Package config describes the checkout service's backends.
package config

// Backend is one gRPC backend.
type Backend struct {
	Addr string
	// Insecure dials without TLS: the local emulators and the
	// carrier sandbox speak plaintext.
	Insecure   bool
	ServerName string
}

// Config is the checkout service's configuration.
type Config struct {
	Inventory Backend
	Payments  Backend
	Shipping  Backend
	Tracking  string // the tracking sidecar, always on localhost
}

// Local is the configuration of a developer machine: every backend an
// emulator on localhost.
func Local() Config {
	return Config{
		Inventory: Backend{Addr: "localhost:7001", Insecure: true},
		Payments:  Backend{Addr: "localhost:7002", Insecure: true},
		Shipping:  Backend{Addr: "localhost:7003", Insecure: true},
		Tracking:  "localhost:7004",
	}
}

// Production is the configuration in the cluster.
func Production() Config {
	return Config{
		Inventory: Backend{Addr: "inventory.internal:443"},
		Payments:  Backend{Addr: "payments.internal:443", ServerName: "payments.internal"},
		Shipping:  Backend{Addr: "carrier.example:443", ServerName: "carrier.example"},
		Tracking:  "localhost:7004",
	}
}
