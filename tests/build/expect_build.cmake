# Builds one probe target of tests/build and checks the outcome:
#   cmake -DBINARY_DIR=... -DTARGET=... -DEXPECT=fail|pass [-DMATCH=regex]
#         -P expect_build.cmake
# EXPECT=fail passes only when the build fails with output matching MATCH
# (the layering rule's own error), so a probe broken for another reason
# does not pass.
foreach(var BINARY_DIR TARGET EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_build.cmake: -D${var}=... is required")
  endif()
endforeach()
execute_process(
  COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target "${TARGET}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(output "${out}\n${err}")
if(EXPECT STREQUAL "pass")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} should build but failed (${rc}):\n${output}")
  endif()
elseif(EXPECT STREQUAL "fail")
  if(rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} built, but the layering should have refused it: "
      "the fence is gone (see docs/development.md, Layers)")
  endif()
  if(DEFINED MATCH AND NOT output MATCHES "${MATCH}")
    message(FATAL_ERROR "${TARGET} failed, but not with the expected error (${MATCH}):\n${output}")
  endif()
else()
  message(FATAL_ERROR "EXPECT must be fail or pass, not ${EXPECT}")
endif()
message(STATUS "${TARGET}: ${EXPECT}ed as expected")
