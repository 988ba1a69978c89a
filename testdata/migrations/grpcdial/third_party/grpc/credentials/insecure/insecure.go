// Package insecure provides credentials that disable transport security
// (a stand-in for google.golang.org/grpc/credentials/insecure).
package insecure

import "google.golang.org/grpc/credentials"

type insecureTC struct{}

func (insecureTC) Info() credentials.ProtocolInfo {
	return credentials.ProtocolInfo{SecurityProtocol: "insecure"}
}

func (insecureTC) Clone() credentials.TransportCredentials { return insecureTC{} }

// NewCredentials returns credentials that send everything in the clear.
func NewCredentials() credentials.TransportCredentials { return insecureTC{} }
