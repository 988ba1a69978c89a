package clients

import (
	"time"

	"google.golang.org/grpc"
)

// dialBudget bounds how long the first dial of a backend may take.
const dialBudget = 2 * time.Second

// DialWithBudget dials addr in plaintext within dialBudget. WithTimeout
// is deprecated too, but its replacement (DialContext with a context
// deadline) changes the function's signature: a person moves it.
func DialWithBudget(addr string) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithInsecure(), grpc.WithTimeout(dialBudget))
}
