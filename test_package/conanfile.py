"""`conan create` builds and runs these consumers of the package just made: a C and a C++17
program through rpc_constants::rpc_constants, and a C program through rpc_constants::headers alone,
through CMakeDeps and CMakeToolchain."""
import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class TestPackageConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "CMakeToolchain"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            for program in ("test_package_c", "test_package_cpp", "test_package_headers"):
                self.run(os.path.join(self.cpp.build.bindir, program), env="conanrun")
