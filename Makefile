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

.PHONY: all build check doc install uninstall abi-dump abi-baseline debian-symbols parity cross mutants pow-compare fuzz fuzz-planted

all: build

# cargo's build script also gives target/release the SONAME link a program linked there needs.
build:
	$(CARGO) build --release --locked

check:
	$(CARGO) test

doc: build
	doxygen Doxyfile

# The installed files are listed once, in pkg/install.sh, which installs them (and prints each
# one) or removes exactly them. Neither target builds anything.
INSTALL_ENV = DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' LIBDIR='$(LIBDIR)' INCLUDEDIR='$(INCLUDEDIR)' \
	VERSION='$(VERSION)' SO='$(SO)' ARCHIVE='$(ARCHIVE)' INSTALL='$(INSTALL)' READELF='$(READELF)'

install:
	@$(INSTALL_ENV) sh pkg/install.sh install

uninstall:
	@$(INSTALL_ENV) sh pkg/install.sh uninstall

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

# Refresh debian/<runtime package>.symbols after an intended change of the exports (a new
# constant or function): every exported symbol of the built library; one already listed keeps
# the version it was first listed at, a new one gets this version. The file is named after the
# SONAME, as the runtime package is.
debian-symbols: build
	@soname=$$($(READELF) -d $(SO) | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p'); \
	package=librpc-constants$${soname#librpc_constants.so.}; file=debian/$$package.symbols; \
	{ echo "$$soname $$package #MINVER#"; \
	  nm -D --defined-only $(SO) | awk -v version=$(VERSION) -v listed=$$file \
	    'BEGIN { while ((getline line < listed) > 0) if (line ~ /^ /) { split(line, f, " "); since[f[1]] = f[2] } } \
	     { s = $$3 "@Base"; print " " s " " (s in since ? since[s] : version) }' | sort; } > $$file.new; \
	mv $$file.new $$file

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
# Needs clang with libFuzzer. CI runs it with 20 s per target.
fuzz:
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) tools/fuzz/run.sh

# Three bugs planted in copies of the tree, each found by its target within FUZZ_SECONDS
# (default 30): tools/fuzz/planted.sh.
fuzz-planted:
	tools/fuzz/planted.sh
