// Package grpc is a stand-in for google.golang.org/grpc: dialling
// records its options and never touches the network.
package grpc

import (
	"context"
	"errors"
	"time"
)

var errNoTransportSecurity = errors.New("grpc: no transport security set (use grpc.WithTransportCredentials(insecure.NewCredentials()) explicitly or set credentials)")

// ClientConn is a virtual connection to a target.
type ClientConn struct {
	target string
	opts   dialOptions
}

// Dial creates a client connection to the given target.
func Dial(target string, opts ...DialOption) (*ClientConn, error) {
	return DialContext(context.Background(), target, opts...)
}

// DialContext creates a client connection to the given target.
func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	cc := &ClientConn{target: target}
	for _, o := range opts {
		o.apply(&cc.opts)
	}
	if cc.opts.creds == nil {
		return nil, errNoTransportSecurity
	}
	if cc.opts.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cc.opts.timeout)
		defer cancel()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return cc, nil
}

// Target returns the target the connection was dialled with.
func (cc *ClientConn) Target() string { return cc.target }

// SecurityProtocol names the transport credentials' protocol (stand-in
// only: lets tests see the credentials chosen).
func (cc *ClientConn) SecurityProtocol() string { return cc.opts.creds.Info().SecurityProtocol }

// UserAgent returns the user agent set with WithUserAgent (stand-in only).
func (cc *ClientConn) UserAgent() string { return cc.opts.userAgent }

// DialTimeout returns the timeout set with WithTimeout (stand-in only).
func (cc *ClientConn) DialTimeout() time.Duration { return cc.opts.timeout }

// Close tears down the connection.
func (cc *ClientConn) Close() error { return nil }
