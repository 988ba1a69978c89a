// Package credentials holds the transport credentials a connection is
// dialled with (a stand-in for google.golang.org/grpc/credentials).
package credentials

import "crypto/tls"

// ProtocolInfo describes a transport's security.
type ProtocolInfo struct {
	// SecurityProtocol is "tls", "insecure", ...
	SecurityProtocol string
	ServerName       string
}

// TransportCredentials secures a connection.
type TransportCredentials interface {
	Info() ProtocolInfo
	Clone() TransportCredentials
}

type tlsCreds struct{ cfg *tls.Config }

func (c tlsCreds) Info() ProtocolInfo {
	name := ""
	if c.cfg != nil {
		name = c.cfg.ServerName
	}
	return ProtocolInfo{SecurityProtocol: "tls", ServerName: name}
}

func (c tlsCreds) Clone() TransportCredentials { return c }

// NewTLS returns TLS credentials from cfg.
func NewTLS(cfg *tls.Config) TransportCredentials { return tlsCreds{cfg} }
