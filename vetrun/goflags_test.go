package vetrun

import (
	"context"
	"testing"
)

func TestUntrimmed(t *testing.T) {
	for _, tc := range []struct{ goflags, want string }{
		{"-trimpath", ""},
		{"-mod=mod -trimpath -tags=x", "-mod=mod -tags=x"},
		{"--trimpath=true", ""},
	} {
		env := untrimmed(context.Background(), ".", []string{"A=1", "GOFLAGS=" + tc.goflags})
		if got, _ := lookupEnv(env, "GOFLAGS"); got != tc.want {
			t.Errorf("GOFLAGS=%q: vet runs with GOFLAGS=%q, want %q", tc.goflags, got, tc.want)
		}
	}
	env := []string{"GOFLAGS=-mod=mod"}
	if got := untrimmed(context.Background(), ".", env); len(got) != 1 {
		t.Errorf("GOFLAGS without -trimpath: env changed to %q", got)
	}
}
