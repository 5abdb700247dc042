# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing,
# build, and are safe to run again.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc)
DEMO_CSV    = $(BUILD)/demo/demo_orebro_lan.csv
DEMO_TRENDS = $(BUILD)/demo/demo_sverige_2021_2025.csv
JAMLIK      = $(BUILD)/src/cli/jamlik

.PHONY: all deps build test test-asan fuzz demo bench format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Every test: unit, conformance, command-line, API (on SQLite and on a throw-away PostgreSQL
# cluster) and browser tests; ctest's summary comes last.
test: build
	@scripts/with-postgres ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The unit and conformance tests once more under AddressSanitizer and UndefinedBehaviorSanitizer,
# at -O1 -g1 (what AddressSanitizer's documentation suggests; quicker to compile than -O2 -g).
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
	  -DJAMLIK_SANITIZE=ON -DJAMLIK_BENCHMARKS=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@scripts/with-postgres ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -LE cli

# The libFuzzer targets of fuzz/ (see fuzz/README.md), built with clang, AddressSanitizer and UBSan
# in a build folder of their own (only the libraries they need), each run for FUZZ_SECONDS from its
# committed seed corpus plus what earlier runs found. Any crash, leak or sanitizer report fails;
# the input is left in $(FUZZ_BUILD)/findings/.
FUZZERS = csv_reader indicator_toml indicator_json published_json html_sanitiser
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DJAMLIK_FUZZ=ON -DJAMLIK_WERROR=OFF -DJAMLIK_BENCHMARKS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	@mkdir -p $(FUZZ_BUILD)/findings
	@for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$f; \
	  $(FUZZ_BUILD)/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=30 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$f- $(FUZZ_BUILD)/corpus/$$f fuzz/corpus/$$f \
	    >$(FUZZ_BUILD)/$$f.log 2>&1 || { tail -n 60 $(FUZZ_BUILD)/$$f.log; echo "fuzz: $$f FAILED"; exit 1; }; \
	  echo "fuzz: $$f: $$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/$$f.log) runs in" \
	    "$(FUZZ_SECONDS) s ($$(sed -n 's/^stat::average_exec_per_sec: *//p' $(FUZZ_BUILD)/$$f.log)/s), no crash"; \
	done

# The web application on http://127.0.0.1:8080 with "Demo kommun" holding the bundled demo data
# (Örebro county's municipalities, ~300 000 synthetic persons); the demo user's password is printed
# at start. Ctrl-C stops it.
demo: build
	@JAMLIK_DATA_DIR=$(BUILD)/demo-data $(JAMLIK) serve --demo --demo-data $(DEMO_CSV) --demo-trends $(DEMO_TRENDS)

bench: build
	@bench/compare.sh

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

# Fails when a C++ file is not as clang-format would write it (CI).
format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
