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
# -fPIC: the same objects make the static and the shared library;
# -fvisibility=hidden: the shared library exports only include/eproc.h.
CFLAGS   += $(CSTD) $(WARN) $(OPT) -Isrc -Iinclude -fPIC -fvisibility=hidden -pthread -MMD -MP
LDLIBS   += -ljansson -llzma -lcapstone -pthread -lm
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

.PHONY: all clean deps demo test test-fast test-sanitize fuzz fuzz-build fuzz-regress bench install man

all: $(BUILD)/eproc $(BUILD)/libeproc.so

# The shared library beside the static one (docs/library.md): soname
# libeproc.so.MAJOR, exporting only include/eproc.h.
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libeproc.so.$(SOMAJOR)
$(BUILD)/libeproc.so.$(VERSION): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/libeproc.so: $(BUILD)/libeproc.so.$(VERSION)
	ln -sf libeproc.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libeproc.so.$(VERSION) $@

# The example program of the library (examples/), built by `make test`
# against the static library; tests/cli/library.sh also builds it against
# an installed copy through pkg-config.
EXAMPLES := $(BUILD)/examples/lib_pslist
$(BUILD)/examples/%: examples/%.c include/eproc.h $(BUILD)/libeproc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

# The man page is written from the help at build time (help2man, a Debian
# package scripts/deps.sh installs); a build without help2man skips it
# until `make man` or `make install` asks for it.
ifneq ($(shell command -v help2man 2>/dev/null),)
all: $(BUILD)/eproc.1
endif
man: $(BUILD)/eproc.1
$(BUILD)/eproc.1: $(BUILD)/eproc scripts/manpage.sh
	sh scripts/manpage.sh $(BUILD)/eproc $@

# `make install PREFIX=/usr DESTDIR=/tmp/stage`: the program, its man page
# and its bash completion (docs/cli.md).
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   := $(DESTDIR)$(PREFIX)/bin
MANDIR   := $(DESTDIR)$(PREFIX)/share/man/man1
COMPDIR  := $(DESTDIR)$(PREFIX)/share/bash-completion/completions

LIBDIR   := $(DESTDIR)$(PREFIX)/lib
INCDIR   := $(DESTDIR)$(PREFIX)/include
PCDIR    := $(LIBDIR)/pkgconfig

install: $(BUILD)/eproc $(BUILD)/eproc.1 $(BUILD)/libeproc.a $(BUILD)/libeproc.so
	install -d $(BINDIR) $(MANDIR) $(COMPDIR) $(LIBDIR) $(INCDIR) $(PCDIR)
	install -m 755 $(BUILD)/eproc $(BINDIR)/eproc
	install -m 644 $(BUILD)/eproc.1 $(MANDIR)/eproc.1
	install -m 644 scripts/eproc.bash-completion $(COMPDIR)/eproc
	install -m 644 $(BUILD)/libeproc.a $(LIBDIR)/libeproc.a
	install -m 755 $(BUILD)/libeproc.so.$(VERSION) $(LIBDIR)/libeproc.so.$(VERSION)
	ln -sf libeproc.so.$(VERSION) $(LIBDIR)/$(SONAME)
	ln -sf libeproc.so.$(VERSION) $(LIBDIR)/libeproc.so
	install -m 644 include/eproc.h $(INCDIR)/eproc.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' scripts/eproc.pc.in > $(PCDIR)/eproc.pc

$(BUILD)/libeproc.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/eproc: $(CLI_OBJ) $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/unit_tests: $(UNIT_OBJ) $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $(UNIT_OBJ) $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/%.o: %.c $(BUILD)/.cflags
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

# Fuzzing (issue 6, docs/hostile-input.md): one libFuzzer harness per
# parser, fuzz/fuzz_<name>.c.  Each is also linked with fuzz/replay_main.c
# (a plain main) so tests/fuzz-regressions/<name>/ replays in every build.
FUZZ_SRC   := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:fuzz/%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/replay/%)
FUZZ_TIME  ?= 600
FUZZ_RUNS  ?= 1000000
FUZZ_ONLY  ?=
FUZZ_OPT   := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
SAN_OPT    := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV    := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(BUILD)/replay/%: $(BUILD)/fuzz/%.o $(BUILD)/fuzz/replay_main.o $(BUILD)/libeproc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/fuzz/replay_main.o $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/fuzzers/%: $(BUILD)/fuzz/%.o $(BUILD)/libeproc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libeproc.a $(LDFLAGS) $(LDLIBS)

# Synthetic captures for the CLI tests (tests/cli/degrade.sh).
$(BUILD)/mkfixture: $(BUILD)/tests/tools/mkfixture.o $(BUILD)/tests/unit/fixture.o $(BUILD)/tests/unit/fx_procs.o \
                    $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/mkseeds: $(BUILD)/fuzz/seeds.o $(BUILD)/tests/unit/fixture.o $(BUILD)/tests/unit/fx_procs.o \
                  $(BUILD)/tests/unit/md_fixture.o $(BUILD)/libeproc.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# Harness objects are shared by the replay and libFuzzer links: keep them.
.SECONDARY: $(FUZZ_SRC:%.c=$(BUILD)/%.o) $(BUILD)/fuzz/replay_main.o

-include $(FUZZ_SRC:%.c=$(BUILD)/%.d) $(BUILD)/fuzz/replay_main.d $(BUILD)/fuzz/seeds.d $(BUILD)/tests/tools/mkfixture.d

# Debian packages the build and the tests need (scripts/deps.sh skips
# what is already installed and uses sudo when not root).
deps:
	@sh scripts/deps.sh

# Normal build + every test, then the whole suite again under ASan+UBSan.
test: deps
	$(MAKE) --no-print-directory test-fast
	$(MAKE) --no-print-directory test-sanitize

test-fast: $(BUILD)/eproc $(BUILD)/unit_tests $(BUILD)/mkfixture $(REPLAY_BIN) $(BUILD)/libeproc.so $(EXAMPLES)
	@sh tests/run.sh $(BUILD)

test-sanitize:
	$(MAKE) --no-print-directory BUILD=build-san CC=clang OPT="$(SAN_OPT)" \
	  LDFLAGS="-fsanitize=address,undefined" build-san/eproc build-san/unit_tests build-san/mkfixture \
	  $(FUZZ_NAMES:%=build-san/replay/%)
	@$(SAN_ENV) sh tests/run.sh build-san

# Replay tests/fuzz-regressions/ under ASan+UBSan (also part of `make test`).
fuzz-regress:
	$(MAKE) --no-print-directory BUILD=build-san CC=clang OPT="$(SAN_OPT)" \
	  LDFLAGS="-fsanitize=address,undefined" $(FUZZ_NAMES:%=build-san/replay/%)
	@$(SAN_ENV) REPLAY_DIR=build-san/replay sh tests/cli/fuzz_regress.sh > build-san/fuzz-regress.log 2>&1; \
	  cat build-san/fuzz-regress.log; ! grep -q '^not ok' build-san/fuzz-regress.log

# Every harness for FUZZ_TIME seconds or FUZZ_RUNS executions, whichever
# comes first, one after another (FUZZ_ONLY="capture isf" picks some).
fuzz-build:
	$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="$(FUZZ_OPT)" \
	  LDFLAGS="-fsanitize=address,undefined" build-fuzz/mkseeds $(FUZZ_NAMES:%=build-fuzz/fuzzers/%)

fuzz: deps
	$(MAKE) --no-print-directory fuzz-build
	@sh fuzz/run.sh build-fuzz "$(FUZZ_TIME)" "$(FUZZ_RUNS)" $(FUZZ_ONLY)

demo: deps $(BUILD)/eproc
	@sh scripts/demo.sh $(BUILD)

clean:
	rm -rf build build-san build-fuzz

# Objects are rebuilt when the compiler or its flags change (a build dir
# made before -fPIC cannot link the shared library): $(BUILD)/.cflags
# holds the last ones and is rewritten only when they differ.
FLAGS_NOW := $(CC) $(CFLAGS)
ifneq ($(file <$(BUILD)/.cflags),$(FLAGS_NOW))
$(shell mkdir -p $(BUILD))
$(file >$(BUILD)/.cflags,$(FLAGS_NOW))
endif
$(BUILD)/.cflags: ;
