package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/context"

	"example.com/xnetcontext/pastepb"
	"example.com/xnetcontext/store"
)

func TestPutThenGet(t *testing.T) {
	srv := httptest.NewServer(New(store.NewMem()))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/new", "text/plain", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp, err = http.Get(srv.URL + "/p/" + strings.TrimSpace(string(id)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "hello" {
		t.Fatalf("GET = %q", body)
	}
}

func TestRequestID(t *testing.T) {
	ctx := WithRequestID(context.Background(), "r-1")
	if got := RequestID(ctx); got != "r-1" {
		t.Fatalf("RequestID = %q", got)
	}
	if got := RequestID(context.TODO()); got != "-" {
		t.Fatalf("RequestID without one = %q", got)
	}
}

func TestRPCGet(t *testing.T) {
	m := store.NewMem()
	ctx := context.Background()
	m.Put(ctx, store.Paste{ID: "x", Body: "rpc"})
	var s pastepb.PasteServer = RPC{Store: m}
	reply, err := s.Get(ctx, &pastepb.GetRequest{Id: "x"})
	if err != nil || reply.Body != "rpc" {
		t.Fatalf("Get = %+v, %v", reply, err)
	}
}
