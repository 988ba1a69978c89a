package clients

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"example.com/grpcdial/internal/config"
)

// paymentsOptions returns the dial options for the payments backend:
// TLS with the backend's server name, or plaintext for the emulator.
func paymentsOptions(serverName string, insecure bool) []grpc.DialOption {
	opts := []grpc.DialOption{grpc.WithUserAgent(userAgent)}
	if insecure {
		return append(opts, grpc.WithInsecure())
	}
	creds := credentials.NewTLS(&tls.Config{ServerName: serverName, MinVersion: tls.VersionTLS12})
	return append(opts, grpc.WithTransportCredentials(creds))
}

// DialPayments dials the payments backend.
func DialPayments(b config.Backend) (*grpc.ClientConn, error) {
	return grpc.Dial(b.Addr, paymentsOptions(b.ServerName, b.Insecure)...)
}
