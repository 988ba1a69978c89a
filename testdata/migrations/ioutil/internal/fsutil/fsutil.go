// Package fsutil holds the small file helpers the build shares.
package fsutil

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/ioutil"
)

// Digest is the hex SHA-256 of everything r yields.
func Digest(r io.Reader) (string, error) {
	data, err := ioutil.ReadAll(r)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Reader returns data as an io.ReadCloser whose Close does nothing, for
// the APIs that take one.
func Reader(data []byte) io.ReadCloser {
	return ioutil.NopCloser(bytes.NewReader(data))
}
