# Quick start (see README.md):
#   make run    installs what the server needs, builds only the server, the
#               advisor CLI and advisor_kb (in build-server/, no tests),
#               starts the server on :50051
#   make test   installs what is missing, builds everything with -Werror,
#               runs the whole test suite and clang-tidy on the changed files
#   make tidy   clang-tidy on the changed files (ADVISOR_TIDY_ALL=1: all)
#   make image-test  builds deploy/Dockerfile with podman and checks the
#               running image (part of make test)
#
# Everything real lives in CMake; this file only chains the steps so each
# quick-start command is one line on a fresh Debian 12 machine.

BUILD_DIR  ?= build
# The server-only build of `make run` (-DADVISOR_BUILD_TESTS=OFF), apart
# from BUILD_DIR so that `make run` and `make test` never reconfigure each
# other's tree.
SERVER_BUILD_DIR ?= build-server
BUILD_TYPE ?= RelWithDebInfo
# Warnings are errors in the builds of `make test` (so CI's); `make run`
# leaves them warnings, so a newer compiler does not stop a newcomer.
WERROR     ?= ON
JOBS       ?= $(shell nproc)
PORT       ?= 50051
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 packages needed to build and run the server and the SDK.
BUILD_PACKAGES := cmake ninja-build g++ pkg-config \
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev \
  libabsl-dev libutf8proc-dev libstemmer-dev prometheus-cpp-dev libcivetweb-dev \
  liblinear-dev zlib1g-dev
# Extra packages the test suite needs.
TEST_PACKAGES := libgtest-dev libgmock-dev libbenchmark-dev python3-yaml prometheus openssl \
  clang-14 libclang-rt-14-dev clang-tidy ccache dnsmasq-base nftables iproute2 \
  podman debootstrap runc

.PHONY: all deps test-deps configure build server-build run test image-test tidy format clean

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
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DADVISOR_BUILD_TESTS=ON -DADVISOR_WERROR=$(WERROR)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the server's packages and the server's targets (with the CLI to try
# it and advisor_kb): no GoogleTest, Benchmark, Node.js or clang needed.
server-build: deps
	cmake -S . -B $(SERVER_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DADVISOR_BUILD_TESTS=OFF -DADVISOR_WERROR=OFF
	cmake --build $(SERVER_BUILD_DIR) -j $(JOBS) --target advisor_server advisor advisor_kb

run: server-build
	$(SERVER_BUILD_DIR)/service/server/advisor_server --port=$(PORT)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -LE image
	$(MAKE) --no-print-directory image-test
	.ci/tidy.sh $(BUILD_DIR)
	$(MAKE) --no-print-directory sanitize fuzz-smoke

# deploy/Dockerfile built and run with podman (tests/image, label image;
# docs/deploying.md), alone after the other tests so that the image's
# compile does not compete with them for the cores.
image-test: build
	ctest --test-dir $(BUILD_DIR) -L image --output-on-failure

# clang-tidy (.clang-tidy) on the files changed by the last commit and the
# working tree; ADVISOR_TIDY_ALL=1 for every file, ADVISOR_TIDY_BASE=REV for
# the files changed since REV.
tidy: build
	.ci/tidy.sh $(BUILD_DIR)

# Sanitizer and fuzzing builds (README "Reliability"), each in its own
# clang build directory with only the targets they run. ASan + UBSan runs
# the unit, api, hostile and concurrency tests; the libFuzzer targets share
# that build. TSan runs the tests that share state between plain-C++
# threads (Debian's gRPC is not instrumented, so TSan skips the gRPC tests).
SANITIZER_CXX ?= clang++-14
ASAN_DIR      ?= build-asan
TSAN_DIR      ?= build-tsan
FUZZ_SECONDS  ?= 10
SANITIZER_CONFIGURE := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DADVISOR_WERROR=$(WERROR) \
  -DCMAKE_CXX_COMPILER=$(SANITIZER_CXX) -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
UNIT_TESTS   := text_test knowledge_base_loader_test document_import_test framework_lookup_test \
  pagination_test text_analyzer_test knowledge_answerer_test role_matcher_test \
  question_intent_test passage_index_test
ASAN_TARGETS := $(UNIT_TESTS) api_test server_process_test hostile_input_test \
  concurrency_stress_test advisor_server
ASAN_LABELS  := unit|api|hostile|concurrency
TSAN_TARGETS := $(UNIT_TESTS) concurrency_stress_test
TSAN_LABELS  := unit|concurrency
FUZZ_TARGETS := text_fuzzer engines_fuzzer knowledge_base_fuzzer rpc_fuzzer

.PHONY: sanitize sanitize-asan sanitize-tsan asan-build tsan-build fuzz-smoke

asan-build: test-deps
	cmake -S . -B $(ASAN_DIR) $(SANITIZER_CONFIGURE) -DADVISOR_SANITIZE=address,undefined \
	  -DADVISOR_FUZZ=ON -DADVISOR_FUZZ_SECONDS=$(FUZZ_SECONDS)
	cmake --build $(ASAN_DIR) -j $(JOBS) --target $(ASAN_TARGETS) $(FUZZ_TARGETS)

tsan-build: test-deps
	cmake -S . -B $(TSAN_DIR) $(SANITIZER_CONFIGURE) -DADVISOR_SANITIZE=thread
	cmake --build $(TSAN_DIR) -j $(JOBS) --target $(TSAN_TARGETS)

sanitize-asan: asan-build
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_DIR) -L '$(ASAN_LABELS)' --output-on-failure -j $(JOBS)

sanitize-tsan: tsan-build
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --test-dir $(TSAN_DIR) -L '$(TSAN_LABELS)' --output-on-failure -j $(JOBS)

sanitize: sanitize-asan sanitize-tsan

# Each libFuzzer target for FUZZ_SECONDS (CTest label fuzz); see the README
# for longer runs.
fuzz-smoke: asan-build
	ctest --test-dir $(ASAN_DIR) -L fuzz --output-on-failure -j $(JOBS)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SERVER_BUILD_DIR)
