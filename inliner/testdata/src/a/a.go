package a

// Pow is the replacement for the deprecated functions below.
func Pow(x, n int) int {
	r := 1
	for range n {
		r *= x
	}
	return r
}

// Square is an ordinary inlinable function.
//
//go:fix inline
func Square(x int) int { return Pow(x, 2) } // want Square:`goFixInline a.Square`

// Sub uses its parameters out of order, so arguments with effects need
// a binding declaration to keep their order.
//
//go:fix inline
func Sub(x, y int) int { return y - x } // want Sub:`goFixInline a.Sub`

// Sign has two returns: in an expression only a function literal can
// hold it.
//
//go:fix inline
func Sign(x int) int { // want Sign:`goFixInline a.Sign`
	if x < 0 {
		return -1
	}
	return 1
}

// One refers to an unexported constant: no other package can inline it.
//
//go:fix inline
func One() int { return one } // want One:`goFixInline a.One`

const one = 1

// New and Old: a constant directive.
const New = 2

//go:fix inline
const Old = New // want Old:`goFixInline const "a".New`

//go:fix inline
const Bad = 1 // want `invalid //go:fix inline directive: const value is not the name of another constant`

// T and OldT: a type alias directive.
type T struct{}

//go:fix inline
type OldT = T // want OldT:`goFixInline alias`

func local() int {
	return Square(3) // want `Call of a.Square should be inlined`
}
