package fsutil

import (
	"io/ioutil"
	"testing"
)

func TestDigestOfReader(t *testing.T) {
	got, err := Digest(Reader([]byte("abc")))
	if err != nil || got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("Digest = %s, %v", got, err)
	}
	rc := Reader([]byte("x"))
	if data, _ := ioutil.ReadAll(rc); string(data) != "x" || rc.Close() != nil {
		t.Fatalf("Reader = %q", data)
	}
}
