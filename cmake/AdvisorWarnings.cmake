# Compiler warnings of our own code (common/, service/, client/, tests/), with gcc
# and clang alike:
#
#   -DADVISOR_WERROR=ON   warnings are errors (`make test`, so CI, turns it on)
#
# The generated protobuf and gRPC code is left out: its targets are defined
# in proto/ before these flags apply (and the bench's echo proto opts out
# with -w), and its headers are SYSTEM include directories, so what they
# would warn about never reaches our build either.
option(ADVISOR_WERROR "Treat compiler warnings in the project's own code as errors" OFF)

set(ADVISOR_WARNING_FLAGS -Wall -Wextra)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # gcc 12's -Wmaybe-uninitialized (in -Wall, from its optimiser's flow
  # analysis) reports moving an absl::InlinedVector falsely (the engines'
  # KnowledgeAnswer at -O2). -Wuninitialized stays on; clang has no such
  # false positive and builds with its own uninitialized warnings.
  list(APPEND ADVISOR_WARNING_FLAGS -Wno-maybe-uninitialized)
endif()
if(ADVISOR_WERROR)
  list(APPEND ADVISOR_WARNING_FLAGS -Werror)
endif()

# Applies the warnings to every target defined from here on in the calling
# directory and below.
macro(advisor_enable_warnings)
  add_compile_options(${ADVISOR_WARNING_FLAGS})
endmacro()
