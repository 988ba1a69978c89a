// Package auth registers users, checks passwords and issues the session
// tokens the HTTP handlers accept.
package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"sync"
)

// ErrBadCredentials is returned for an unknown user or wrong password.
var ErrBadCredentials = errors.New("auth: bad credentials")

type credentials struct {
	salt [8]byte
	hash [32]byte
}

var (
	mu    sync.Mutex
	users = map[string]credentials{}
)

// Register stores userID with password, replacing any previous one.
func Register(userID, password string) {
	var c credentials
	copy(c.salt[:], userID)
	c.hash = sha256.Sum256(append(c.salt[:], password...))
	mu.Lock()
	defer mu.Unlock()
	users[userID] = c
}

func checkPassword(userID, password string) error {
	mu.Lock()
	c, ok := users[userID]
	mu.Unlock()
	if !ok {
		return ErrBadCredentials
	}
	got := sha256.Sum256(append(c.salt[:], password...))
	if subtle.ConstantTimeCompare(got[:], c.hash[:]) != 1 {
		return ErrBadCredentials
	}
	return nil
}
