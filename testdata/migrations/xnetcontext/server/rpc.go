package server

import (
	"golang.org/x/net/context"

	"example.com/xnetcontext/pastepb"
	"example.com/xnetcontext/store"
)

// RPC serves the Paste gRPC service from the same store.
type RPC struct{ Store store.Store }

var _ pastepb.PasteServer = RPC{}

// Get returns one paste.
func (r RPC) Get(ctx context.Context, in *pastepb.GetRequest) (*pastepb.GetReply, error) {
	p, err := r.Store.Get(ctx, in.Id)
	if err != nil {
		return nil, err
	}
	return &pastepb.GetReply{Body: p.Body}, nil
}
