package udiff_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

// sourceLike returns an n-line file and a copy with every 50th line changed, the shape of a
// rewrite that touches scattered call sites.
func sourceLike(n int) (old, new []byte) {
	var o, w bytes.Buffer
	for i := range n {
		line := fmt.Sprintf("\tx%d := f(%d) // line %d\n", i%17, i%5, i)
		o.WriteString(line)
		if i%50 == 0 {
			line = fmt.Sprintf("\tx%d := g(%d) // line %d\n", i%17, i%5, i)
		}
		w.WriteString(line)
	}
	return o.Bytes(), w.Bytes()
}

func BenchmarkUnified(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		old, new := sourceLike(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				udiff.Unified("f.go", old, new)
			}
		})
	}
}

// BenchmarkUnifiedRewrite diffs two unrelated files, go-diff's worst case (no timeout).
func BenchmarkUnifiedRewrite(b *testing.B) {
	for _, n := range []int{1_000, 5_000} {
		old, _ := sourceLike(n)
		new := bytes.ReplaceAll(old, []byte("f("), []byte("h("))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				udiff.Unified("f.go", old, new)
			}
		})
	}
}
