package clients

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	"example.com/grpcdial/internal/config"
)

// DialShipping dials the carrier. Its sandbox has no TLS.
func DialShipping(b config.Backend) (*grpc.ClientConn, error) {
	creds := credentials.NewTLS(&tls.Config{ServerName: b.ServerName, MinVersion: tls.VersionTLS12})
	if b.Insecure {
		creds = insecure.NewCredentials()
	}
	return grpc.Dial(b.Addr, grpc.WithTransportCredentials(creds), grpc.WithUserAgent(userAgent))
}

// DialTracking dials the tracking sidecar on localhost.
func DialTracking(addr string) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithInsecure())
}

// sandboxOptions is what the carrier's integration guide tells clients
// to pass; its parameter hides the insecure package inside it.
func sandboxOptions(insecure bool) []grpc.DialOption {
	if insecure {
		return []grpc.DialOption{grpc.WithInsecure(), grpc.WithUserAgent(userAgent + " sandbox")}
	}
	return []grpc.DialOption{grpc.WithUserAgent(userAgent)}
}
