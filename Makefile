# eproc build.  `make` builds build/eproc and build/libeproc.a.
# `make demo` and `make test` first install the Debian packages they need.

CC       ?= cc
CSTD     := -std=c11 -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
# Truncated diagnostics are deliberate (bounded buffers); gcc's
# format-truncation warning has no clang equivalent.
ifeq ($(findstring clang,$(CC)),)
WARN     += -Wno-format-truncation
endif
OPT      ?= -O2 -g
CFLAGS   += $(CSTD) $(WARN) $(OPT) -Isrc -pthread -MMD -MP
LDLIBS   += -ljansson -llzma -pthread -lm
BUILD    ?= build

EXCLUDE  ?=
LIB_SRC  := $(sort $(filter-out src/cli/% $(EXCLUDE),$(wildcard src/*/*.c src/*/*/*.c)))
CLI_SRC  := $(wildcard src/cli/*.c)
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CFLAGS   += -DEPROC_VERSION='"$(VERSION)"'

.PHONY: all clean deps demo test test-fast test-sanitize fuzz bench

all: $(BUILD)/eproc

$(BUILD)/libeproc.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/eproc: $(CLI_OBJ) $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/unit_tests: $(UNIT_OBJ) $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $(UNIT_OBJ) $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

# Debian packages the build and the tests need (scripts/deps.sh skips
# what is already installed and uses sudo when not root).
deps:
	@sh scripts/deps.sh

# Normal build + every test, then the whole suite again under ASan+UBSan.
test: deps
	$(MAKE) --no-print-directory test-fast
	$(MAKE) --no-print-directory test-sanitize

test-fast: $(BUILD)/eproc $(BUILD)/unit_tests
	@sh tests/run.sh $(BUILD)

test-sanitize:
	$(MAKE) --no-print-directory BUILD=build-san CC=clang \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" build-san/eproc build-san/unit_tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  sh tests/run.sh build-san

demo: deps $(BUILD)/eproc
	@sh scripts/demo.sh $(BUILD)

clean:
	rm -rf build build-san build-fuzz
