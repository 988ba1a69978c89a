package bindtrue

import "a"

func h(int) int

// Run with -inline.allow_binding_decl=true.
func f(v int) {
	a.Sub(h(1), h(2)) // want `Call of a.Sub should be inlined`

	_ = a.Sign(v) + 1 // want `Call of a.Sign not inlined: the inliner would have to turn the call into a function literal$`
}
