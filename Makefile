# canonize — the two commands a fresh clone needs: `make demo` and `make test`.
GO ?= go
BIN := bin/canonize

.PHONY: all build test lint demo bench cover fmt clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/canonize

# lint: gofmt, go vet, staticcheck and exhaustive (every switch on one of our enum
# types names every constant); the tools are pinned by the tool directive in go.mod.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^testdata/')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) tool exhaustive -typeignore 'token\.Token$$' ./...

test: lint
	$(GO) test -race -timeout 40m ./...

# cover: statement coverage of every package, per package and in total,
# counting what the CLI tests exercise in the canonize binary they run
# (built with -cover); the merged profile is left in bin/cover.out.
cover:
	GO=$(GO) ./scripts/cover.sh

# demo: the main job on the embedded example, in a temporary copy.
demo: build
	./scripts/demo.sh $(BIN)

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^testdata/')

clean:
	rm -rf bin

# bench: canonize diff vs go fix -inline on the embedded modules and on generated
# ones of 1k, 5k and 20k files (bench/gen); prints a Markdown table for
# BENCHMARKS.md. Takes several minutes; BENCH_SIZES="200 1000" for a quick try.
bench:
	./bench/compare.sh 3
