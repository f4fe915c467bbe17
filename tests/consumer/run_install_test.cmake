# The `install` test: installs the build tree into a temporary prefix, then
# builds tests/consumer against it twice, with find_package(advisor) and
# with pkg-config (advisor.pc), and runs the results. Needs a complete
# build. Run as:
#   cmake -DADVISOR_SOURCE_DIR=... -DADVISOR_BINARY_DIR=... -DWORK_DIR=...
#         -DGENERATOR=Ninja -P run_install_test.cmake
# With ADVISOR_SERVER_TARGET set in the environment, the consumer also looks
# up Keras on that server.
foreach(var ADVISOR_SOURCE_DIR ADVISOR_BINARY_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_install_test.cmake: -D${var}=... is required")
  endif()
endforeach()

# Runs a command; stops the test with its output when it fails.
function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(STEP_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

run_step("cmake --install" "${CMAKE_COMMAND}" --install "${ADVISOR_BINARY_DIR}" --prefix "${prefix}")
foreach(file include/advisor/client/client.h include/advisor/client/version_info.h
             include/advisor/client/mocks/mock_advisor_connection.h
             include/advisor/v1/framework_service.pb.h bin/advisor)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
if(EXISTS "${prefix}/include/client/internal")
  message(FATAL_ERROR "internal headers must not be installed")
endif()

run_step("installed advisor --version" "${prefix}/bin/advisor" --version)

# 1. CMake: find_package(advisor CONFIG REQUIRED) + advisor::client.
run_step("configure consumer" "${CMAKE_COMMAND}" -S "${ADVISOR_SOURCE_DIR}/tests/consumer"
  -B "${WORK_DIR}/build" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}"
  -DCMAKE_BUILD_TYPE=Release)
run_step("build consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run_step("run consumer" "${WORK_DIR}/build/advisor_consumer" --version)
if(NOT STEP_OUTPUT MATCHES "^advisor SDK [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "unexpected consumer output: ${STEP_OUTPUT}")
endif()

# 2. pkg-config: advisor.pc gives every flag a plain compiler needs.
file(GLOB_RECURSE pc_files "${prefix}/*/advisor.pc")
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
run_step("pkg-config" pkg-config --cflags --libs advisor)
string(STRIP "${STEP_OUTPUT}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
run_step("compile consumer with pkg-config" c++ -std=c++17 -O1
  "${ADVISOR_SOURCE_DIR}/tests/consumer/main.cc" -o "${WORK_DIR}/advisor_consumer_pc" ${pc_flags})
run_step("run pkg-config consumer" "${WORK_DIR}/advisor_consumer_pc" --version)

if(DEFINED ENV{ADVISOR_SERVER_TARGET})
  run_step("consumer against $ENV{ADVISOR_SERVER_TARGET}" "${WORK_DIR}/build/advisor_consumer"
    "$ENV{ADVISOR_SERVER_TARGET}" keras)
  if(NOT STEP_OUTPUT STREQUAL "Keras\n")
    message(FATAL_ERROR "unexpected lookup output: ${STEP_OUTPUT}")
  endif()
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "install test passed")
