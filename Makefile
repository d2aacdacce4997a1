# A thin layer over meson, so a fresh Debian machine needs two commands:
#   make demo    build, then build the demo database and show a plan
#   make check   build twice (normal, ASan+UBSan) and run every test
# Missing Debian packages are installed first (scripts/install-deps.sh).

BUILD := build
SAN := build-san
MESON_OPTS := --buildtype=debugoptimized

.PHONY: all deps build demo check test-normal test-san bench fuzz soak clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) $(MESON_OPTS)

$(SAN)/build.ninja: | deps
	meson setup $(SAN) $(MESON_OPTS) -Db_sanitize=address,undefined \
		-Db_lundef=false

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

demo: build
	./$(BUILD)/goldthread demo --db demo.db

# Both suites run even when the first fails, so the summary counts all.
check: deps $(BUILD)/build.ninja $(SAN)/build.ninja
	ninja -C $(BUILD)
	ninja -C $(SAN)
	-meson test -C $(BUILD) --print-errorlogs --num-processes 2
	-ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		meson test -C $(SAN) --print-errorlogs --num-processes 2 \
		--timeout-multiplier 3
	@sh scripts/test-summary.sh $(BUILD) $(SAN)

# Every benchmark, then one table of every target and whether it is met
# (each appends its targets to the file); a benchmark that fails is named
# in the table rather than stopping the others.
bench: build
	@rm -f $(BUILD)/bench-targets
	-BENCH_TARGETS=$(CURDIR)/$(BUILD)/bench-targets sh bench/import.sh $(BUILD)/goldthread || echo "import|the benchmark|failed|NOT MET" >>$(BUILD)/bench-targets
	-BENCH_TARGETS=$(CURDIR)/$(BUILD)/bench-targets sh bench/web.sh $(BUILD)/goldthread || echo "web|the benchmark|failed|NOT MET" >>$(BUILD)/bench-targets
	-BENCH_TARGETS=$(CURDIR)/$(BUILD)/bench-targets sh bench/report.sh $(BUILD)/goldthread || echo "report|the benchmark|failed|NOT MET" >>$(BUILD)/bench-targets
	-BENCH_TARGETS=$(CURDIR)/$(BUILD)/bench-targets sh bench/csc.sh $(BUILD)/goldthread || echo "csc|the benchmark|failed|NOT MET" >>$(BUILD)/bench-targets
	-BENCH_TARGETS=$(CURDIR)/$(BUILD)/bench-targets sh bench/pg.sh $(BUILD)/goldthread || echo "pg|the benchmark|failed|NOT MET" >>$(BUILD)/bench-targets
	-sh bench/workbook.sh $(BUILD)/goldthread
	@sh scripts/bench-summary.sh $(BUILD)/bench-targets

# Longer runs of the crash test than make check's 30 cycles.
soak: build
	/usr/bin/python3 tests/ops/kill9.py $(BUILD)/goldthread . 300

fuzz: deps
	CC=clang meson setup build-fuzz $(MESON_OPTS) -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false 2>/dev/null || true
	ninja -C build-fuzz
	@echo "run e.g.: build-fuzz/tests/fuzz/fuzz_csv -max_total_time=60 tests/fuzz/corpus/csv"

clean:
	rm -rf $(BUILD) $(SAN) build-fuzz
