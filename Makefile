# canonize — the two commands a fresh clone needs: `make demo` and `make test`.
GO ?= go
BIN := bin/canonize

.PHONY: bench-cold all build test lint demo bench bench-check cover fmt clean stress

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

# bench-check: a warm re-run of canonize check (through the go command)
# against go fix -inline -diff ./... (issue 10); BENCH_SIZES, BENCH_MODULE.
bench-check:
	./bench/check.sh 3

# bench-cold: the first run (empty build cache per command) and warm re-runs
# of canonize check and diff against go fix -inline -diff ./... (issue 10), on
# chatapp and a 20,000-file module by default; BENCH_SIZES, BENCH_MODULE.
bench-cold:
	./bench/cold.sh 3

# stress: replays attacks on apply and rollback — a person's edit during
# verification and during apply's writes, SIGINT/SIGTERM, kill -9, a tampered
# journal — in loops with seeded randomness, against the real binary, and prints
# tried/survived/lost per attack (cmd/canonize/stress_test.go, build tag stress);
# fails if anything is lost. Not part of make test: it takes minutes.
# STRESS_TRIALS=1000 for more; STRESS_ARGS='-stress.seed=S -stress.trial=I' replays
# one trial; STRESS_ARGS=-stress.known adds the known failures (see README).
# Run in the package directory (no package argument) so go test streams the
# per-trial lines and the table without -v.
STRESS_TRIALS ?= 200
STRESS_ARGS ?=
stress:
	cd cmd/canonize && $(GO) test -tags stress -run '^TestStress$$' -count=1 -timeout 60m \
		-args -stress.trials=$(STRESS_TRIALS) $(STRESS_ARGS)
