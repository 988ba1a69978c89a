// Package checkout is the checkout service: it holds one connection to
// each backend for the life of the process.
package checkout

import (
	"errors"
	"fmt"

	"google.golang.org/grpc"

	"example.com/grpcdial/internal/clients"
	"example.com/grpcdial/internal/config"
)

// Service is the checkout service's backend connections.
type Service struct {
	Inventory, Payments, Shipping, Tracking *grpc.ClientConn
}

// New dials every backend of cfg.
func New(cfg config.Config) (*Service, error) {
	var s Service
	var err error
	if s.Inventory, err = clients.DialInventory(cfg.Inventory); err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	if s.Payments, err = clients.DialPayments(cfg.Payments); err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	if s.Shipping, err = clients.DialShipping(cfg.Shipping); err != nil {
		return nil, fmt.Errorf("shipping: %w", err)
	}
	if s.Tracking, err = clients.DialTracking(cfg.Tracking); err != nil {
		return nil, fmt.Errorf("tracking: %w", err)
	}
	return &s, nil
}

// Close closes every connection.
func (s *Service) Close() error {
	return errors.Join(s.Inventory.Close(), s.Payments.Close(), s.Shipping.Close(), s.Tracking.Close())
}

// Describe lists each backend's target and transport, for /debug/backends.
func (s *Service) Describe() []string {
	var out []string
	for _, cc := range []*grpc.ClientConn{s.Inventory, s.Payments, s.Shipping, s.Tracking} {
		out = append(out, cc.Target()+" "+cc.SecurityProtocol())
	}
	return out
}
