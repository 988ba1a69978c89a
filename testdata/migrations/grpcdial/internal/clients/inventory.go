package clients

import (
	"google.golang.org/grpc"

	"example.com/grpcdial/internal/config"
)

// DialInventory dials the inventory backend. Inventory sits inside the
// mesh, whose sidecar terminates mTLS, so the hop to it is plaintext.
func DialInventory(b config.Backend) (*grpc.ClientConn, error) {
	return grpc.Dial(b.Addr,
		grpc.WithInsecure(), // the sidecar does mTLS
		grpc.WithUserAgent(userAgent),
	)
}
