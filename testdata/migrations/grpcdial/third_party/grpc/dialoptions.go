package grpc

import (
	"time"

	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

type dialOptions struct {
	creds     credentials.TransportCredentials
	timeout   time.Duration
	userAgent string
}

// DialOption configures how a connection is set up.
type DialOption interface{ apply(*dialOptions) }

type funcDialOption func(*dialOptions)

func (f funcDialOption) apply(o *dialOptions) { f(o) }

// WithTransportCredentials returns a DialOption which configures a
// connection level security credentials.
func WithTransportCredentials(creds credentials.TransportCredentials) DialOption {
	return funcDialOption(func(o *dialOptions) { o.creds = creds })
}

// WithInsecure returns a DialOption which disables transport security
// for this ClientConn.
//
// Deprecated: use WithTransportCredentials and insecure.NewCredentials()
// instead. Will be supported throughout 1.x.
func WithInsecure() DialOption {
	return funcDialOption(func(o *dialOptions) { o.creds = insecure.NewCredentials() })
}

// WithTimeout returns a DialOption that configures a timeout for dialing
// a ClientConn initially.
//
// Deprecated: use DialContext instead of Dial and context.WithTimeout
// instead. Will be supported throughout 1.x.
func WithTimeout(d time.Duration) DialOption {
	return funcDialOption(func(o *dialOptions) { o.timeout = d })
}

// WithUserAgent returns a DialOption that specifies a user agent string
// for all the RPCs.
func WithUserAgent(s string) DialOption {
	return funcDialOption(func(o *dialOptions) { o.userAgent = s })
}
