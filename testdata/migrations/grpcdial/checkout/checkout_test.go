package checkout

import (
	"strings"
	"testing"

	"google.golang.org/grpc"

	"example.com/grpcdial/internal/config"
)

func TestNewLocal(t *testing.T) {
	s, err := New(config.Local())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range s.Describe() {
		if !strings.HasSuffix(d, " insecure") {
			t.Errorf("local backend %q is not plaintext", d)
		}
	}
}

func TestNewProduction(t *testing.T) {
	s, err := New(config.Production())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"inventory.internal:443 insecure",
		"payments.internal:443 tls",
		"carrier.example:443 tls",
		"localhost:7004 insecure",
	}
	got := s.Describe()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Describe() = %q, want %q", got, want)
	}
}

// TestDialNeedsTransport pins grpc's refusal of a dial without transport
// security, which is why every plaintext dial must say so.
func TestDialNeedsTransport(t *testing.T) {
	if _, err := grpc.Dial("localhost:1"); err == nil {
		t.Fatal("dial without credentials succeeded")
	}
	if _, err := grpc.Dial("localhost:1", grpc.WithInsecure()); err != nil {
		t.Fatal(err)
	}
}
