# Quick start (see README.md):
#   make run    installs what is missing, builds, starts the server on :50051
#   make test   installs what is missing, builds, runs the whole test suite
#
# Everything real lives in CMake; this file only chains the steps so each
# quick-start command is one line on a fresh Debian 12 machine.

BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc)
PORT       ?= 50051
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 packages needed to build and run the server and the SDK.
BUILD_PACKAGES := cmake ninja-build g++ pkg-config \
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev \
  libabsl-dev libutf8proc-dev libstemmer-dev prometheus-cpp-dev libcivetweb-dev
# Extra packages the test suite needs.
TEST_PACKAGES := libgtest-dev libgmock-dev libbenchmark-dev python3-yaml prometheus openssl

.PHONY: all deps test-deps configure build run test format clean

all: build

# Installs only the packages that are missing, so a warm machine skips apt.
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))
	@# Node.js runs buf and the Node.js client; install Debian's only when the
	@# commands are absent (a NodeSource node already ships its own npm).
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }
	@# The ecosystem checks' pinned buf and gRPC packages (tests/ecosystem/package-lock.json).
	@[ -d tests/ecosystem/node_modules ] || npm ci --prefix tests/ecosystem --no-audit --no-fund

configure: test-deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/service/server/advisor_server --port=$(PORT)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
