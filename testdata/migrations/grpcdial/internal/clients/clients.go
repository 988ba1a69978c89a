// Package clients dials the checkout service's gRPC backends.
package clients

// userAgent is sent on every RPC.
const userAgent = "checkout/2.4"
