# panicroom - the one Makefile (GNU make 4).
#
# Layout: every .c under $(SRCDIRS) compiles to $(BUILD)/<dir>/<name>.o with
# -MMD -MP dependency files; build/panicroom links them all. The Go prelude
# (engine/prelude/*.go) is embedded by tools/embed.sh as build/gen/prelude.c.
# Unit tests tests/unit/test_<mod>.c link every object except cli/ (main()).
#
# Flags: what panicroom needs lives in PR_* variables, so `make CFLAGS=-O0`
# or `make CC=clang` changes only what it says. check-asan re-runs this file
# with BUILD=build-asan and SAN set, so both trees can coexist.

SRCDIRS ?= base engine runner lessons tui cli
BUILD   ?= build
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/panicroom
MANDIR  ?= $(PREFIX)/share/man
VERSION := 0.1.0

CFLAGS  ?= -O2 -g
INSTALL ?= install

# pkg-config is asked once per make run; 2>/dev/null because `make run` and
# `make clean` must work before the -dev packages exist (tools/deps.sh then
# says what to install). cmocka is for the tests only.
PKGS       := ncursesw libedit md4c yaml-0.1 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

PR_WARN   = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wimplicit-fallthrough -Wformat=2 -Wvla
PR_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -I. -I$(BUILD)/gen $(PKG_CFLAGS) $(PR_WARN) $(SAN)
PR_LDFLAGS = $(SAN)
PR_LIBS    = $(PKG_LIBS) -lm
# Set by check-asan; empty for the normal build.
SAN ?=
ASAN_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer -DPANICROOM_ASAN=1

COMPILE = $(CC) $(PR_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP

SRCS := $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.c))
OBJS := $(patsubst %.c,$(BUILD)/%.o,$(SRCS)) $(BUILD)/gen/prelude.o
LIB_OBJS := $(filter-out $(BUILD)/cli/%.o,$(OBJS))
BIN  := $(BUILD)/panicroom

PRELUDE_GO := $(sort $(wildcard engine/prelude/*.go))

# Go programs with expected output recorded from real Go (run.sh compares
# the engine with them and re-records them when go is installed).
CORPORA := tests/conformance tests/engine2

# check-lessons in `make test` is the full authoring check of issue 5
# (exhaustive where the space is small, else 2,000 PCT schedules; ~2 min);
# check-asan runs the --quick one (300 schedules), as ASan is ~5x slower.
CHECK_LESSONS_FLAGS ?=

TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
HEADERS   := $(sort $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.h)))

# Per-test link seams: WRAP_test_<mod> = -Wl,--wrap=sym ... (STYLE rule 15).
WRAP_test_base = -Wl,--wrap=write
WRAP_test_runner = -Wl,--wrap=os_fork
WRAP_test_sched = -Wl,--wrap=vm_sched,--wrap=func_line
WRAP_test_chan  = -Wl,--wrap=vm_sched,--wrap=vm_heap,--wrap=vm_panic_plain \
                  -Wl,--wrap=heap_alloc,--wrap=val_zero
WRAP_test_sync  = -Wl,--wrap=vm_sched,--wrap=vm_program,--wrap=vm_panic \
                  -Wl,--wrap=vm_runtime_error,--wrap=vm_throw \
                  -Wl,--wrap=val_str,--wrap=types_basic,--wrap=vm_heap \
                  -Wl,--wrap=types_any,--wrap=sched_strategy
WRAP_test_timer = -Wl,--wrap=vm_sched,--wrap=vm_heap,--wrap=vm_runtime_error \
                  -Wl,--wrap=vm_spawn,--wrap=val_str
FMT_WRAPS = -Wl,--wrap=vm_heap,--wrap=vm_program,--wrap=vm_write \
            -Wl,--wrap=val_str,--wrap=vm_find_method,--wrap=vm_call_method0 \
            -Wl,--wrap=map_entries,--wrap=map_entry
WRAP_test_fmt = $(FMT_WRAPS)
WRAP_test_lib = $(FMT_WRAPS) -Wl,--wrap=val_slice_new,--wrap=val_copy \
                -Wl,--wrap=vm_panic,--wrap=vm_exit,--wrap=vm_args \
                -Wl,--wrap=vm_runtime_error

# Runs a project script through its #! line, or bash when it is not
# executable (a checkout may lose the x bit).
RUN_SCRIPT = sh -c 'if [ -x "$$0" ]; then exec "$$0" "$$@"; \
                    else exec bash "$$0" "$$@"; fi'

.SUFFIXES:
.DELETE_ON_ERROR:
.PHONY: all test check-asan check-headers conformance-record \
        bench run install uninstall clean FORCE

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(PR_LDFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PR_LIBS) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(COMPILE) -c $< -o $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(COMPILE) -c $< -o $@

# Generated headers must exist before the first compile, when there are no
# .d files yet to say who includes them.
$(OBJS) $(TEST_BINS:=.o): | $(BUILD)/gen/config.h

# --- generated files -------------------------------------------------------
# These are rewritten only when their text changes (FORCE runs the recipe
# every time; make then sees the old mtime), so a deleted prelude file or a
# new PREFIX rebuilds exactly what depends on them and nothing else.
define write-if-changed
$(shell mkdir -p $(@D))$(file >$@.tmp,$(1))
@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
endef

$(BUILD)/gen/prelude.list: FORCE
	$(call write-if-changed,$(PRELUDE_GO))

$(BUILD)/gen/prelude.c: tools/embed.sh $(BUILD)/gen/prelude.list $(PRELUDE_GO)
	sh tools/embed.sh $@ $(PRELUDE_GO)

# Build facts for the code: #include "config.h" (found via -I$(BUILD)/gen).
define CONFIG_H
/* Generated by the Makefile; do not edit. */
#ifndef PANICROOM_CONFIG_H
#define PANICROOM_CONFIG_H
#define PANICROOM_VERSION "$(VERSION)"
#define PANICROOM_DATADIR "$(DATADIR)"
#endif
endef

$(BUILD)/gen/config.h: FORCE
	$(call write-if-changed,$(CONFIG_H))

# --- tests -----------------------------------------------------------------
$(TEST_BINS:=.o): $(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(COMPILE) $(TEST_CFLAGS) -c $< -o $@

$(TEST_BINS): $(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB_OBJS)
	$(CC) $(PR_LDFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(WRAP_$*) \
	  $(TEST_LIBS) $(PR_LIBS) $(LDLIBS)

# Every suite runs even after a failure; the exit status says if any failed.
test: all $(TEST_BINS)
	@fail=0; \
	for t in $(TEST_BINS); do \
	  echo "== $$t"; $$t 2>&1 || { echo "FAILED: $$t"; fail=1; }; \
	done; \
	for c in $(CORPORA); do \
	  [ -f $$c/run.sh ] || continue; \
	  echo "== $$c/run.sh $(BIN)"; \
	  $(RUN_SCRIPT) $$c/run.sh $(BIN) 2>&1 || \
	    { echo "FAILED: $$c"; fail=1; }; \
	done; \
	for e in tests/e2e/*.sh; do \
	  [ -f "$$e" ] || continue; \
	  echo "== $$e $(BIN)"; \
	  PANICROOM=$(BIN) $(RUN_SCRIPT) "$$e" $(BIN) 2>&1 || \
	    { echo "FAILED: $$e"; fail=1; }; \
	done; \
	echo "== $(BIN) check-lessons $(CHECK_LESSONS_FLAGS)"; \
	$(BIN) check-lessons $(CHECK_LESSONS_FLAGS) 2>&1 || \
	  { echo "FAILED: check-lessons"; fail=1; }; \
	if [ $$fail = 0 ]; then echo "make test: all passed"; \
	else echo "make test: FAILED"; fi; \
	exit $$fail

check-asan:
	$(MAKE) BUILD=build-asan CFLAGS='-O1 -g' SAN='$(ASAN_SAN)' \
	  CHECK_LESSONS_FLAGS=--quick test

# Each header alone, then twice (a missing include guard shows as a
# redefinition); warnings count as failures here.
check-headers: $(BUILD)/gen/config.h
	@fail=0; \
	for h in $(HEADERS); do \
	  printf '#include "%s"\n#include "%s"\n' $$h $$h | \
	    $(CC) $(PR_CFLAGS) $(CPPFLAGS) $(CFLAGS) -Werror -fsyntax-only \
	      -x c - || { echo "check-headers: $$h does not compile alone"; \
	                  fail=1; }; \
	done; \
	[ $$fail = 0 ] && echo "check-headers: $(words $(HEADERS)) headers ok"; \
	exit $$fail

conformance-record:
	$(RUN_SCRIPT) tests/conformance/record.sh

bench: all
	$(RUN_SCRIPT) bench/run.sh $(BIN)

# tools/deps.sh first, then a fresh make so pkg-config sees what it installed.
# Arguments for the binary: make run ARGS='list'.
run:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory all
	exec ./$(BIN) $(ARGS)

install: all
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/panicroom
	for d in content scenarios; do \
	  rm -rf $(DESTDIR)$(DATADIR)/$$d; \
	  if [ -d $$d ]; then cp -R $$d $(DESTDIR)$(DATADIR)/ || exit 1; fi; \
	done
	$(INSTALL) -m 644 docs/panicroom.1 $(DESTDIR)$(MANDIR)/man1/panicroom.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/panicroom \
	  $(DESTDIR)$(MANDIR)/man1/panicroom.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan

FORCE:

-include $(OBJS:.o=.d) $(TEST_BINS:=.d)
