package vettool_test

import (
	"os"
	"testing"

	"github.com/canonize/canonize/vettool"
)

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one (see TestVet).
func TestMain(m *testing.M) {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	os.Exit(m.Run())
}
