# The two commands a new user runs (README): `make demo` and `make test`.
# Both install what is missing (scripts/bootstrap.sh), build and run; nothing else is needed.

CLANG_FORMAT ?= clang-format-14
FUZZ_SECONDS ?= 20
SOURCES = $(shell git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')

.PHONY: demo test bootstrap build release web format format-check fuzz bench clean

bootstrap:
	@scripts/bootstrap.sh

release: bootstrap web
	cmake --preset release >/dev/null
	cmake --build --preset release

build: bootstrap web
	cmake --preset asan >/dev/null
	cmake --build --preset asan

# The dashboard: npm ci from the lock file (when needed), then vite build into web/dist.
web: bootstrap
	@scripts/build_web.sh

demo: release
	scripts/demo.sh build/release/src/app/sigtrader $(DEMO_ARGS)

test: bootstrap format-check build
	ctest --preset asan
	$(MAKE) --no-print-directory fuzz

format-check:
	@$(CLANG_FORMAT) --dry-run -Werror $(SOURCES) && echo "format: $(words $(SOURCES)) files clean"

format:
	$(CLANG_FORMAT) -i $(SOURCES)

# Builds the libFuzzer targets with clang and runs each for FUZZ_SECONDS.
fuzz: bootstrap
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz --target fuzz_targets
	scripts/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS)

bench: release
	@for b in build/release/bench/*_bench; do echo "== $$b"; $$b --benchmark_repetitions=5 --benchmark_report_aggregates_only=true; done

clean:
	rm -rf build
