# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing,
# build, and are safe to run again.
BUILD      ?= build
SAN_BUILD  ?= build-san
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc)
DEMO_CSV    = $(BUILD)/demo/demo_orebro_lan.csv
DEMO_TRENDS = $(BUILD)/demo/demo_sverige_2021_2025.csv
JAMLIK      = $(BUILD)/src/cli/jamlik

.PHONY: all deps build test san-configure test-asan fuzz demo bench format format-check clean

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

# One sanitizer build serves the unit tests and the fuzz targets: clang with AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage, at -O1 -g1 (what AddressSanitizer's
# documentation suggests). It leaves out what its tests do not use (the CLI, the web app, Python,
# the benchmarks), so CI compiles the libraries twice in all, not three times. Warnings are errors
# in the gcc build (`make build`), not here.
san-configure: deps
	@CC=clang CXX=clang++ cmake -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DJAMLIK_SANITIZE=ON -DJAMLIK_FUZZ=ON -DJAMLIK_WERROR=OFF \
	  -DJAMLIK_BENCHMARKS=OFF >/dev/null

# The unit, conformance and API tests once more under the sanitizers, less those labelled
# `statistical` (distributional checks of large generated samples, e.g. a synthetic population's
# marginals or a bootstrap's coverage rate; smaller tests run the same code here, and `make test`
# runs them all; see jamlik_add_test in CMakeLists.txt). The authorisation matrix
# (seven tests, one per caller) runs here on SQLite only: there it calls every route handler,
# which is what the sanitizers check, and `make test` runs it on PostgreSQL too. Under the
# sanitizers the PostgreSQL run took 286 of these tests' 1 404 s (700 s on 2 cores).
test-asan: san-configure
	@cmake --build $(SAN_BUILD) -j $(JOBS)
	@scripts/with-postgres ctest --test-dir $(SAN_BUILD) --output-on-failure -j $(JOBS) -LE statistical \
	  -E 'AuthorizationMatrixTest[.]EveryRouteAnswers[A-Za-z]*AsTheRulesSay/postgresql'

# The libFuzzer targets of fuzz/ (see fuzz/README.md), each run for FUZZ_SECONDS from its committed
# seed corpus plus what earlier runs found, FUZZ_JOBS (2) at a time: a target's run is
# single-threaded, so two share the two cores of a CI machine and six take 3 × FUZZ_SECONDS. Every
# target runs; any crash, leak or sanitizer report prints the end of its log and fails the run, and
# the input is left in $(SAN_BUILD)/findings/.
FUZZERS = csv_reader indicator_toml indicator_json published_json html_sanitiser
FUZZERS += xlsx_reader
FUZZ_JOBS ?= 2
fuzz: san-configure
	@cmake --build $(SAN_BUILD) -j $(JOBS) --target fuzzers
	@printf '%s\n' $(FUZZERS) | xargs -P $(FUZZ_JOBS) -I{} scripts/fuzz-one $(SAN_BUILD) {} $(FUZZ_SECONDS) \
	  || { echo "fuzz: FAILED"; exit 1; }

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
	rm -rf $(BUILD) $(SAN_BUILD)
