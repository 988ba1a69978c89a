package b

import "a"

func h(int) int

func f(v int) {
	_ = a.Square(v) // want `Call of a.Square should be inlined`

	a.Sub(h(1), h(2)) // want `Call of a.Sub not inlined: the inliner would have to turn the call into a function literal or add a binding declaration \(set inline.allow_binding_decl to accept those\)`

	_ = a.Sign(v) + 1 // want `Call of a.Sign not inlined: the inliner would have to turn the call into a function literal or add a binding declaration`

	_ = a.One() // want `Call of a.One not inlined: cannot inline call to a.One because body refers to non-exported one`

	_ = a.Old // want `Constant a.Old should be inlined`

	var _ a.OldT // want `Type alias a.OldT should be inlined`
}
