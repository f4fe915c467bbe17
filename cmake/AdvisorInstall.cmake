# Install and export rules of the SDK: libraries, headers, the `advisor`
# CLI, the CMake package (advisorConfig.cmake, targets advisor::client,
# advisor::proto_messages and advisor::proto, the gRPC services) and the
# pkg-config file advisor.pc. The generated proto headers are installed by
# proto/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(ADVISOR_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/advisor")

set_target_properties(advisor_proto_messages PROPERTIES EXPORT_NAME proto_messages)
set_target_properties(advisor_proto_grpc PROPERTIES EXPORT_NAME proto)
install(TARGETS advisor_client advisor_proto_grpc advisor_proto_messages
  EXPORT advisorTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS advisor RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/client/include/" "${PROJECT_BINARY_DIR}/client/include/"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.h")

install(EXPORT advisorTargets
  NAMESPACE advisor::
  DESTINATION "${ADVISOR_CMAKE_INSTALL_DIR}")
configure_package_config_file(cmake/advisorConfig.cmake.in
  "${PROJECT_BINARY_DIR}/advisorConfig.cmake"
  INSTALL_DESTINATION "${ADVISOR_CMAKE_INSTALL_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/advisorConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/advisorConfig.cmake"
              "${PROJECT_BINARY_DIR}/advisorConfigVersion.cmake"
  DESTINATION "${ADVISOR_CMAKE_INSTALL_DIR}")

# From <prefix>/<libdir>/pkgconfig back to <prefix>, e.g. `../..`.
file(RELATIVE_PATH ADVISOR_PC_PREFIX_FROM_PCDIR "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" ADVISOR_PC_PREFIX_FROM_PCDIR "${ADVISOR_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/advisor.pc.in "${PROJECT_BINARY_DIR}/advisor.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/advisor.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
