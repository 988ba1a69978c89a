package clients

import (
	"testing"

	"google.golang.org/grpc"

	"example.com/grpcdial/internal/config"
)

func TestLocalBackendsArePlaintext(t *testing.T) {
	cfg := config.Local()
	for _, tc := range []struct {
		name    string
		dial    func(config.Backend) (*grpc.ClientConn, error)
		backend config.Backend
	}{
		{"inventory", DialInventory, cfg.Inventory},
		{"payments", DialPayments, cfg.Payments},
		{"shipping", DialShipping, cfg.Shipping},
	} {
		name := tc.name
		cc, err := tc.dial(tc.backend)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := cc.SecurityProtocol(); got != "insecure" {
			t.Errorf("%s: security %q, want insecure", name, got)
		}
	}
}

func TestProductionPaymentsUseTLS(t *testing.T) {
	cc, err := DialPayments(config.Production().Payments)
	if err != nil {
		t.Fatal(err)
	}
	if got := cc.SecurityProtocol(); got != "tls" {
		t.Errorf("payments: security %q, want tls", got)
	}
	if cc.UserAgent() != userAgent {
		t.Errorf("user agent %q", cc.UserAgent())
	}
}

func TestSandboxOptions(t *testing.T) {
	cc, err := grpc.Dial("carrier-sandbox:443", sandboxOptions(true)...)
	if err != nil {
		t.Fatal(err)
	}
	if cc.SecurityProtocol() != "insecure" || cc.UserAgent() != userAgent+" sandbox" {
		t.Errorf("sandbox: %q %q", cc.SecurityProtocol(), cc.UserAgent())
	}
	if _, err := grpc.Dial("carrier-sandbox:443", sandboxOptions(false)...); err == nil {
		t.Error("sandboxOptions(false) dialled without transport security")
	}
}

func TestDialWithBudget(t *testing.T) {
	cc, err := DialWithBudget("localhost:7001")
	if err != nil {
		t.Fatal(err)
	}
	if cc.DialTimeout() != dialBudget {
		t.Errorf("timeout %v", cc.DialTimeout())
	}
}

// dialTest dials a test server the way the team's other tests do.
func dialTest(t *testing.T, addr string) *grpc.ClientConn {
	t.Helper()
	cc, err := grpc.Dial(addr, grpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

func TestTracking(t *testing.T) {
	want := dialTest(t, "localhost:7004")
	cc, err := DialTracking("localhost:7004")
	if err != nil {
		t.Fatal(err)
	}
	if cc.Target() != want.Target() || cc.SecurityProtocol() != want.SecurityProtocol() {
		t.Errorf("tracking %q/%q, want %q/%q", cc.Target(), cc.SecurityProtocol(), want.Target(), want.SecurityProtocol())
	}
}
