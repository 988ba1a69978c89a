// Command pasted serves pastes over HTTP until interrupted.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"golang.org/x/net/context"

	"example.com/xnetcontext/server"
	"example.com/xnetcontext/store"
	"example.com/xnetcontext/worker"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		<-sig
		cancel()
	}()
	s := store.NewMem()
	go func() {
		if err := worker.Expire(ctx, s, time.Minute, time.Now); err != nil {
			log.Print(err)
		}
	}()
	srv := &http.Server{Addr: *addr, Handler: server.New(s)}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
