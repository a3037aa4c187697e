# Thin wrapper for people who expect `make && sudo make install`: cargo does the building, as the
# user who runs `make`; `make install` only copies what `make` built (it never runs cargo, so it
# works under sudo, whose PATH has no ~/.cargo/bin, and leaves no root-owned files in target/).
# GNU conventions: PREFIX, DESTDIR, LIBDIR, INCLUDEDIR.

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR    ?=
CARGO      ?= cargo
CARGO_TARGET_DIR ?= target
INSTALL    ?= install
READELF    ?= readelf

# The version comes from Cargo.toml and nowhere else.
VERSION  := $(shell sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -n 1)
RELEASE  := $(CARGO_TARGET_DIR)/release
SO       := $(RELEASE)/librpc_constants.so
ARCHIVE  := $(RELEASE)/librpc_constants.a
HEADER   := include/rpc_constants.h
HPP      := include/rpc_constants.hpp
REALNAME := librpc_constants.so.$(VERSION)
PCDIR    := $(LIBDIR)/pkgconfig
CMAKEDIR := $(LIBDIR)/cmake/rpc_constants

# Shell: the SONAME a library file declares (build.rs applies cargo-c's rule when linking it).
# Read in recipes only, once the file exists: never when the Makefile is parsed.
read_soname = $(READELF) -d $(1) | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p'
# Shell: the path from directory $(1) to directory $(2), so installed files find each other
# wherever the tree is staged (DESTDIR) or moved.
relative = $$(realpath -m --relative-to=$(1) $(2))

.PHONY: all build check doc install uninstall abi-dump abi-baseline parity cross mutants pow-compare fuzz fuzz-planted

all: build

# cargo's build script also gives target/release the SONAME link a program linked there needs.
build:
	$(CARGO) build --release

check:
	$(CARGO) test

doc: build
	doxygen Doxyfile

define configure_file
	sed -e 's|@VERSION@|$(VERSION)|g' -e "s|@SONAME@|$$soname|g" -e 's|@REALNAME@|$(REALNAME)|g' \
	    -e "s|@PC_TO_PREFIX@|$(call relative,$(PCDIR),$(PREFIX))|g" \
	    -e "s|@PC_TO_LIBDIR@|$(call relative,$(PCDIR),$(LIBDIR))|g" \
	    -e "s|@PC_TO_INCLUDEDIR@|$(call relative,$(PCDIR),$(INCLUDEDIR))|g" \
	    -e "s|@CMAKE_TO_LIBDIR@|$(call relative,$(CMAKEDIR),$(LIBDIR))|g" \
	    -e "s|@CMAKE_TO_INCLUDEDIR@|$(call relative,$(CMAKEDIR),$(INCLUDEDIR))|g" $(1) > $(2)
endef

# Quiet: what went where, one line a file, instead of the recipe's sed and install lines.
install:
	@for f in $(SO) $(ARCHIVE); do test -f $$f || { \
	    echo "make install: $$f is not built: run \`make\` first (as yourself, not as root)" >&2; exit 1; }; done
	@command -v $(READELF) >/dev/null || { echo "make install: \`$(READELF)\` not found (install binutils)" >&2; exit 1; }
	@command -v realpath >/dev/null || { echo "make install: \`realpath\` not found (install coreutils)" >&2; exit 1; }
	@set -e; soname=$$($(call read_soname,$(SO))); \
	test -n "$$soname" || { echo "make install: $(SO) has no SONAME" >&2; exit 1; }; \
	lib=$(DESTDIR)$(LIBDIR); inc=$(DESTDIR)$(INCLUDEDIR); \
	$(INSTALL) -d $$lib $(DESTDIR)$(PCDIR) $(DESTDIR)$(CMAKEDIR) $$inc; \
	echo "rpc_constants $(VERSION) installed:"; \
	$(INSTALL) -m 755 $(SO) $$lib/$(REALNAME); echo "  $$lib/$(REALNAME)"; \
	if [ "$$soname" != $(REALNAME) ]; then \
	    ln -sfn $(REALNAME) $$lib/$$soname; echo "  $$lib/$$soname -> $(REALNAME)"; fi; \
	ln -sfn $(REALNAME) $$lib/librpc_constants.so; echo "  $$lib/librpc_constants.so -> $(REALNAME)"; \
	$(INSTALL) -m 644 $(ARCHIVE) $$lib/librpc_constants.a; echo "  $$lib/librpc_constants.a"; \
	$(INSTALL) -m 644 $(HEADER) $$inc/rpc_constants.h; echo "  $$inc/rpc_constants.h"; \
	$(INSTALL) -m 644 $(HPP) $$inc/rpc_constants.hpp; echo "  $$inc/rpc_constants.hpp"; \
	$(call configure_file,pkg/rpc_constants.pc.in,$(DESTDIR)$(PCDIR)/rpc_constants.pc); \
	echo "  $(DESTDIR)$(PCDIR)/rpc_constants.pc"; \
	$(call configure_file,pkg/rpc_constantsConfig.cmake.in,$(DESTDIR)$(CMAKEDIR)/rpc_constantsConfig.cmake); \
	echo "  $(DESTDIR)$(CMAKEDIR)/rpc_constantsConfig.cmake"; \
	$(call configure_file,pkg/rpc_constantsConfigVersion.cmake.in,$(DESTDIR)$(CMAKEDIR)/rpc_constantsConfigVersion.cmake); \
	echo "  $(DESTDIR)$(CMAKEDIR)/rpc_constantsConfigVersion.cmake"

# The links are cargo-c's: SONAME -> real name (none for 0.0.z, whose SONAME is the real name),
# and the development link -> real name.
# Removes exactly what `make install` installed: the links only while they still point at this
# version's files (another SONAME's library beside ours is left alone). Then the package's own
# directory, and, in a staged tree (DESTDIR), every directory install created, once empty; on a
# live system the shared ones (lib, include, pkgconfig, cmake) stay. Running it twice is fine.
uninstall:
	@set -e; lib=$(DESTDIR)$(LIBDIR); soname=; \
	if [ -f $$lib/$(REALNAME) ]; then soname=$$($(call read_soname,$$lib/$(REALNAME))); fi; \
	if [ "$$(readlink $$lib/librpc_constants.so)" = "$(REALNAME)" ]; then rm -f $$lib/librpc_constants.so; fi; \
	if [ -n "$$soname" ] && [ "$$(readlink $$lib/$$soname)" = "$(REALNAME)" ]; then rm -f $$lib/$$soname; fi; \
	rm -f $$lib/$(REALNAME) $$lib/librpc_constants.a $(DESTDIR)$(INCLUDEDIR)/rpc_constants.h \
	      $(DESTDIR)$(INCLUDEDIR)/rpc_constants.hpp \
	      $(DESTDIR)$(PCDIR)/rpc_constants.pc $(DESTDIR)$(CMAKEDIR)/rpc_constantsConfig.cmake \
	      $(DESTDIR)$(CMAKEDIR)/rpc_constantsConfigVersion.cmake; \
	if [ -z "$(DESTDIR)" ]; then rmdir $(CMAKEDIR) 2>/dev/null || true; \
	else for d in $(CMAKEDIR) $(PCDIR) $(INCLUDEDIR); do while [ "$$d" != / ]; do \
	    if [ -d $(DESTDIR)$$d ]; then rmdir $(DESTDIR)$$d 2>/dev/null || break; fi; d=$$(dirname $$d); \
	done; done; fi

# The values against the real PyTorch, one release or several: `make parity TORCH="2.15.0 2.6.0"`.
# Fetches each release's wheel with pip (cached in ~/.cache/rpc_constants); see tools/parity/parity.py.
TORCH ?= 2.15.0
parity: build
	python3 tools/parity/parity.py --library $(SO) --include include \
	    --report $(CARGO_TARGET_DIR)/parity/report.md $(TORCH)

# The ABI as abidw sees it: the release library built with debug info (profile abi-dump).
ABI_OUT ?= $(CARGO_TARGET_DIR)/abi-dump/librpc_constants.abi
abi-dump:
	$(CARGO) build --profile abi-dump
	abidw --no-corpus-path --no-show-locs --no-comp-dir-path --drop-private-types --type-id-style hash \
	    $(CARGO_TARGET_DIR)/abi-dump/librpc_constants.so > $(ABI_OUT)

# Refresh the committed baseline after an intended ABI change (docs/abi.md). Content-derived type
# ids (--type-id-style hash): the same library gives the same bytes, run after run.
abi-baseline:
	$(MAKE) abi-dump ABI_OUT=tools/abi/librpc_constants.abi

# Every supported target built in one cargo invocation and tested where it runs: natively, under
# qemu-user or under wine (tools/cross/run.sh; docs/platforms.md). CROSS_TARGETS="..." for a subset.
cross:
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) tools/cross/run.sh

# Mutation testing: every mutant cargo-mutants makes of src/, each built and run against the quick
# tier (`cargo test`); the known-equivalent ones are excluded, with reasons, in tools/mutants.toml.
# Fails if any mutant is missed or times out. About 105 minutes on 2 cores (466 mutants, about 13 s
# each); not run by CI. The report goes to $(CARGO_TARGET_DIR)/mutants.out. cargo-mutants is
# pinned, and installed the first time as .ci/run installs cargo-c. MUTANTS_ARGS passes more
# options: `--file src/exact.rs` for one file, `--shard 1/2` for half of the campaign.
MUTANTS_VERSION := 27.1.0
MUTANTS_ARGS ?=
mutants:
	@if ! $(CARGO) mutants --version 2>/dev/null | grep -qx 'cargo-mutants $(MUTANTS_VERSION)'; then \
	    echo "make mutants: installing cargo-mutants $(MUTANTS_VERSION)"; \
	    $(CARGO) install --locked cargo-mutants --version $(MUTANTS_VERSION); fi
	$(CARGO) mutants --config tools/mutants.toml --output $(CARGO_TARGET_DIR) $(MUTANTS_ARGS)

# The retry delay against glibc's pow on the whole grid and 20 million random inputs, natively
# with both of x86-64 glibc's pows and under qemu-user with the aarch64, ppc64le, s390x and
# riscv64 builds (tools/cross/pow_compare.sh): the figures docs/agent-contract.md states. About
# 15 minutes on 2 cores; not run by CI (the full tier runs a sample). POW_COMPARE_TARGETS="" for
# the native runs only.
pow-compare:
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) tools/cross/pow_compare.sh

# Coverage-guided differential fuzzing of every function that reads input, each against PyTorch's
# rule (tools/fuzz/run.sh; docs/testing.md): FUZZ_SECONDS per target (default 60), FUZZ_TARGETS to pick.
# Needs clang with libFuzzer. CI runs it with 30 s per target.
fuzz:
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) tools/fuzz/run.sh

# Three bugs planted in copies of the tree, each found by its target within FUZZ_SECONDS
# (default 30): tools/fuzz/planted.sh.
fuzz-planted:
	tools/fuzz/planted.sh
