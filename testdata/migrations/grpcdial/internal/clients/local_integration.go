//go:build integration

package clients

import "google.golang.org/grpc"

// DialEmulators dials every local emulator for the integration suite.
func DialEmulators(addrs ...string) ([]*grpc.ClientConn, error) {
	var out []*grpc.ClientConn
	for _, a := range addrs {
		cc, err := grpc.Dial(a, grpc.WithInsecure())
		if err != nil {
			return nil, err
		}
		out = append(out, cc)
	}
	return out, nil
}
