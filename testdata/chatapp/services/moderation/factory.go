// Package moderation filters abusive content and handles user reports.
package moderation

import "example.com/chatapp/websocket"

// factory is the manager factory used by moderation. It was introduced so
// tests could swap it; they never did.
func factory() *websocket.ManagerFactory { return websocket.GetWebSocketManagerFactory() }
