# Thin wrapper for people who expect `make && make install`: cargo does the building.
# GNU conventions: PREFIX, DESTDIR, LIBDIR, INCLUDEDIR.

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR    ?=
CARGO      ?= cargo
CARGO_TARGET_DIR ?= target
INSTALL    ?= install

# The version comes from Cargo.toml and nowhere else.
VERSION := $(shell sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -n 1)
RELEASE := $(CARGO_TARGET_DIR)/release
SO      := $(RELEASE)/librpc_constants.so
# The SONAME is whatever the built library says (build.rs applies cargo-c's rule).
SONAME   = $(shell readelf -d $(SO) | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
REALNAME = librpc_constants.so.$(VERSION)

.PHONY: all build check doc install uninstall abi-dump abi-baseline

all: build

# Also gives the build tree the SONAME link a program linked against it looks for at run time.
build:
	$(CARGO) build --release
	ln -sf librpc_constants.so $(RELEASE)/$(SONAME)

check:
	$(CARGO) test

doc: build
	doxygen Doxyfile

define configure_file
	sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@SONAME@|$(SONAME)|g' -e 's|@REALNAME@|$(REALNAME)|g' $(1) > $(2)
endef

install: build
	@test -n "$(SONAME)" || { echo "cannot read the SONAME of $(SO) (is readelf installed?)" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(LIBDIR)/cmake/rpc_constants $(DESTDIR)$(INCLUDEDIR)
	$(INSTALL) -m 755 $(SO) $(DESTDIR)$(LIBDIR)/$(REALNAME)
	ln -sf $(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/librpc_constants.so
	$(INSTALL) -m 644 $(RELEASE)/librpc_constants.a $(DESTDIR)$(LIBDIR)/librpc_constants.a
	$(INSTALL) -m 644 include/rpc_constants.h $(DESTDIR)$(INCLUDEDIR)/rpc_constants.h
	$(call configure_file,pkg/rpc_constants.pc.in,$(DESTDIR)$(LIBDIR)/pkgconfig/rpc_constants.pc)
	$(call configure_file,pkg/rpc_constantsConfig.cmake.in,$(DESTDIR)$(LIBDIR)/cmake/rpc_constants/rpc_constantsConfig.cmake)
	$(call configure_file,pkg/rpc_constantsConfigVersion.cmake.in,$(DESTDIR)$(LIBDIR)/cmake/rpc_constants/rpc_constantsConfigVersion.cmake)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/librpc_constants.so $(DESTDIR)$(LIBDIR)/librpc_constants.so.* \
	      $(DESTDIR)$(LIBDIR)/librpc_constants.a $(DESTDIR)$(INCLUDEDIR)/rpc_constants.h \
	      $(DESTDIR)$(LIBDIR)/pkgconfig/rpc_constants.pc \
	      $(DESTDIR)$(LIBDIR)/cmake/rpc_constants/rpc_constantsConfig.cmake \
	      $(DESTDIR)$(LIBDIR)/cmake/rpc_constants/rpc_constantsConfigVersion.cmake
	-rmdir $(DESTDIR)$(LIBDIR)/cmake/rpc_constants 2>/dev/null

# The ABI as abidw sees it: the release library built with debug info (profile abi-dump).
ABI_OUT ?= $(CARGO_TARGET_DIR)/abi-dump/librpc_constants.abi
abi-dump:
	$(CARGO) build --profile abi-dump
	abidw --no-corpus-path --no-show-locs --no-comp-dir-path --drop-private-types \
	    $(CARGO_TARGET_DIR)/abi-dump/librpc_constants.so > $(ABI_OUT)

# Refresh the committed baseline after an intended ABI change (see README, "Changing the ABI").
abi-baseline:
	$(MAKE) abi-dump ABI_OUT=abi/librpc_constants.abi
