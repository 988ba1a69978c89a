package websocket

import (
	"context"
	"sync"
)

// ManagerFactory is the process-wide manager factory from the first
// version of the chat service. It holds no state of its own: every
// manager it creates is identical to one made by NewWebSocketManager.
type ManagerFactory struct {
	// name identified the factory in the old service's logs; the shared
	// instance is "default".
	name string
}

var (
	factoryOnce     sync.Once
	factoryInstance *ManagerFactory
)

// GetWebSocketManagerFactory returns the shared ManagerFactory.
//
// Deprecated: use NewWebSocketManager.
func GetWebSocketManagerFactory() *ManagerFactory {
	factoryOnce.Do(func() { factoryInstance = &ManagerFactory{name: "default"} })
	return factoryInstance
}

// String returns the factory's name.
func (f *ManagerFactory) String() string { return "websocket.ManagerFactory(" + f.name + ")" }

// Create returns a manager for userID, exactly as
// NewWebSocketManager(ctx, userID) does.
func (f *ManagerFactory) Create(ctx context.Context, userID string) *Manager {
	return NewWebSocketManager(ctx, userID)
}
