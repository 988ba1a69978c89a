package a

import "testing"

// A call in the dedicated test of Square is left alone, as go fix
// leaves it: no diagnostic, not even a declined one.
func TestSquare(t *testing.T) {
	if Square(3) != 9 {
		t.Fatal("Square(3) != 9")
	}
}
