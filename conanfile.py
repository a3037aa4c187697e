"""Conan 2 recipe (docs/install.md): `conan create . -nr` builds rpc_constants with cargo and
packages what `make install` installs. Option `shared` (default True) picks the library consumers
link; the headers are the same either way. cargo (Rust 1.85 or newer) must be on PATH."""
import os
import re

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import cross_building
from conan.tools.files import copy, load, rm, rmdir


class RpcConstantsConan(ConanFile):
    name = "rpc_constants"
    description = "PyTorch torch.distributed.rpc defaults and rules as a tiny no_std C ABI library"
    license = "MIT OR Apache-2.0"
    settings = "os", "arch", "compiler", "build_type"
    options = {"shared": [True, False]}
    default_options = {"shared": True}
    # Cargo.toml names the test and bench targets, so cargo wants their files too.
    exports_sources = ("Cargo.toml", "Cargo.lock", "build.rs", "cbindgen.toml", "Makefile",
                       "build/*", "src/*", "include/*", "pkg/*", "LICENSE-*", "benches/*", "tests/*")

    def set_version(self):
        # The version comes from Cargo.toml and nowhere else.
        text = load(self, os.path.join(self.recipe_folder, "Cargo.toml"))
        self.version = re.search(r'^version = "([^"]+)"$', text, re.M).group(1)

    def configure(self):
        # A C library: the C++ header is header-only, so no C++ setting changes the binary.
        self.settings.rm_safe("compiler.libcxx")
        self.settings.rm_safe("compiler.cppstd")

    def validate(self):
        # What is tested here: Linux, built for the machine that builds (cargo builds for it).
        if self.settings.os != "Linux":
            raise ConanInvalidConfiguration("the recipe builds the library for Linux only")
        if cross_building(self):
            raise ConanInvalidConfiguration("the recipe does not cross-compile: cargo builds for "
                                            "the build machine (docs/install.md)")

    def package_id(self):
        # Always cargo's release build: the consumer's build_type changes nothing in it.
        self.info.settings.rm_safe("build_type")

    def build(self):
        self.run("make build CARGO_TARGET_DIR=" + os.path.join(self.build_folder, "target"),
                 cwd=self.source_folder)

    def package(self):
        target = os.path.join(self.build_folder, "target")
        self.run(f"make install CARGO_TARGET_DIR={target} DESTDIR={self.package_folder} PREFIX=/ "
                 "LIBDIR=/lib INCLUDEDIR=/include", cwd=self.source_folder)
        copy(self, "LICENSE-*", self.source_folder, os.path.join(self.package_folder, "licenses"))
        # Conan writes a consumer's CMake and pkg-config files itself (CMakeDeps, PkgConfigDeps)
        # from package_info(); the installed ones would be found beside them.
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))
        if self.options.shared:
            rm(self, "librpc_constants.a", os.path.join(self.package_folder, "lib"))
        else:
            rm(self, "librpc_constants.so*", os.path.join(self.package_folder, "lib"))

    def package_info(self):
        # The installed CMake package's targets: rpc_constants::headers (the include directory
        # only) and rpc_constants::rpc_constants (the library chosen by `shared`, and the headers).
        # One package binary holds one library, so there is no rpc_constants_static beside it.
        self.cpp_info.set_property("cmake_file_name", "rpc_constants")
        self.cpp_info.set_property("cmake_target_name", "rpc_constants::rpc_constants")
        self.cpp_info.set_property("pkg_config_name", "rpc_constants")
        headers = self.cpp_info.components["headers"]
        headers.set_property("cmake_target_name", "rpc_constants::headers")
        headers.set_property("pkg_config_name", "rpc_constants-headers")
        headers.libdirs = []
        headers.bindirs = []
        library = self.cpp_info.components["library"]
        library.set_property("cmake_target_name", "rpc_constants::library")
        library.libs = ["rpc_constants"]
        library.requires = ["headers"]
        if not self.options.shared:
            # What the installed CMake package's static target brings (docs/api.md).
            library.defines = ["RPC_CONSTANTS_STATIC"]
