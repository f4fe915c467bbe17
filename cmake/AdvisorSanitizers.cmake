# Sanitizer and fuzzing builds (see the README's "Reliability" section).
#
#   -DADVISOR_SANITIZE=address,undefined   ASan + UBSan (clang or gcc)
#   -DADVISOR_SANITIZE=thread              TSan
#   -DADVISOR_FUZZ=ON                      libFuzzer targets in tests/fuzz (clang only)
#
# The flags apply to every target of the build, so the project's own code
# is instrumented; Debian's gRPC, protobuf and Abseil are not (their bugs
# are out of reach, and TSan may miss synchronisation inside them).
# ADVISOR_FUZZ adds coverage instrumentation only; each fuzz target links
# libFuzzer itself (advisor_add_fuzzer in tests/fuzz), so one build holds
# both the sanitized tests and the fuzzers.

set(ADVISOR_SANITIZE "" CACHE STRING
    "Sanitizers to build with, as for -fsanitize= (e.g. address,undefined or thread); empty for none")
option(ADVISOR_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)

if(ADVISOR_SANITIZE)
  # Recovering would let UBSan print a report and pass the test anyway.
  add_compile_options(-fsanitize=${ADVISOR_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ADVISOR_SANITIZE})
  if(ADVISOR_SANITIZE MATCHES "undefined" AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # vptr checks need RTTI from every library; Debian's gRPC objects come
    # from uninstrumented code and would be reported falsely.
    add_compile_options(-fno-sanitize=vptr)
    add_link_options(-fno-sanitize=vptr)
  endif()
endif()

if(ADVISOR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ADVISOR_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Coverage feedback for libFuzzer in all of our code; the weak hooks of
  # the sanitizer runtime keep non-fuzzer binaries linking.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
