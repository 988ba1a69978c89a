// Package websocket delivers real-time chat and agent events to users.
//
// A [Manager] is bound to exactly one user. Events sent through it reach
// the subscribers of that user and nobody else, which is what keeps one
// user's agent output out of another user's browser tab.
//
// Managers are cheap: create one where you need it with
// [NewWebSocketManager] and Close it when done. The older shared
// factory in factory.go is deprecated; see issue 989.
package websocket
