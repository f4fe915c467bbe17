# The layers of the server and the SDK, enforced by the compiler (see
# docs/development.md, "Layers"):
#
#   advisor_layer(TARGET DIRECTORY dir [HEADERS header...] [GRPC_FREE])
#     TARGET's include root: a directory of the build tree holding only
#     `dir` of the sources (a symbolic link, e.g. service/engines), or only
#     the listed HEADERS of it. TARGET gets it as a PUBLIC include
#     directory, so a target sees the headers of itself and of what it
#     links, and an #include of any other layer is "No such file". Every
#     layer's own sources have no repository-wide include root.
#     GRPC_FREE also puts the gRPC fence (below) first on TARGET's own
#     include path, and advisor_check_layers() fails the configure when
#     TARGET links gRPC after all.
#
#   advisor_fence_grpc(TARGET)
#     The gRPC fence alone, for a test or tool that uses a gRPC-free layer.
#
#   advisor_check_layers()
#     Called once all targets exist: every GRPC_FREE target and every
#     fenced target links neither gRPC nor advisor_proto_grpc, directly or
#     through what it links, and no layer has the whole repository as an
#     include root.
#
# The gRPC fence: Debian installs gRPC's headers in /usr/include, which is
# on every target's path, so leaving gRPC out of a target's links does not
# keep its headers out. The fence is a directory mirroring gRPC's include
# tree (grpc/, grpcpp/, grpc++/) where every header is an #error naming the
# rule; searched before /usr/include, it turns an #include of any gRPC
# header into a compile error. The generated service headers
# (*.grpc.pb.h) are in advisor_proto_grpc's include directory only.

set(ADVISOR_LAYERS_DIR "${PROJECT_BINARY_DIR}/layers")
set(ADVISOR_GRPC_FENCE_DIR "${ADVISOR_LAYERS_DIR}/grpc_fence")

function(_advisor_write_grpc_fence)
  get_target_property(grpc_includes gRPC::grpc++ INTERFACE_INCLUDE_DIRECTORIES)
  set(headers "")
  foreach(dir IN LISTS grpc_includes)
    file(GLOB_RECURSE found RELATIVE "${dir}" "${dir}/grpc/*" "${dir}/grpcpp/*" "${dir}/grpc++/*")
    list(APPEND headers ${found})
  endforeach()
  list(REMOVE_DUPLICATES headers)
  if(NOT headers)
    message(FATAL_ERROR "advisor_layer: found no gRPC headers under ${grpc_includes}")
  endif()
  foreach(header IN LISTS headers)
    # file(CONFIGURE) writes only what changed, so a reconfigure touches
    # nothing.
    file(CONFIGURE OUTPUT "${ADVISOR_GRPC_FENCE_DIR}/${header}" CONTENT
"#error \"<${header}> is a gRPC header, included from a gRPC-free layer (text, knowledge base, engines, observer, metrics, tools or their tests). Only targets that link gRPC::grpc++ may include it: see docs/development.md, Layers.\"
")
  endforeach()
endfunction()
_advisor_write_grpc_fence()

function(advisor_fence_grpc target)
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} BEFORE PRIVATE "${ADVISOR_GRPC_FENCE_DIR}")
  endif()
  set_property(GLOBAL APPEND PROPERTY ADVISOR_GRPC_FREE_TARGETS ${target})
endfunction()

function(advisor_layer target)
  cmake_parse_arguments(ARG "GRPC_FREE" "DIRECTORY" "HEADERS" ${ARGN})
  if(NOT ARG_DIRECTORY OR ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "advisor_layer(${target} DIRECTORY dir [HEADERS header...] [GRPC_FREE])")
  endif()
  set(root "${ADVISOR_LAYERS_DIR}/${target}")
  set(source "${PROJECT_SOURCE_DIR}/${ARG_DIRECTORY}")
  if(ARG_HEADERS)
    set(links "")
    foreach(header IN LISTS ARG_HEADERS)
      list(APPEND links "${ARG_DIRECTORY}/${header}")
    endforeach()
  else()
    set(links "${ARG_DIRECTORY}")
  endif()
  file(REMOVE_RECURSE "${root}")
  foreach(link IN LISTS links)
    if(NOT EXISTS "${PROJECT_SOURCE_DIR}/${link}")
      message(FATAL_ERROR "advisor_layer(${target}): ${link} does not exist")
    endif()
    get_filename_component(parent "${root}/${link}" DIRECTORY)
    file(MAKE_DIRECTORY "${parent}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${link}" "${root}/${link}" SYMBOLIC)
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE "$<BUILD_INTERFACE:${root}>")
  else()
    target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${root}>")
  endif()
  set_property(GLOBAL APPEND PROPERTY ADVISOR_LAYER_TARGETS ${target})
  if(ARG_GRPC_FREE)
    advisor_fence_grpc(${target})
  endif()
endfunction()

# The targets `target` links, directly or not (in-project and imported),
# into the variable `out`.
function(_advisor_linked_closure target out)
  set(seen "")
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(NOT TARGET ${current})
      continue()
    endif()
    get_target_property(aliased ${current} ALIASED_TARGET)
    if(aliased)
      set(current ${aliased})
    endif()
    if(current IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${current})
    set(deps "")
    get_target_property(type ${current} TYPE)
    get_target_property(imported ${current} IMPORTED)
    if(NOT imported AND NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${current} LINK_LIBRARIES)
      if(direct)
        list(APPEND deps ${direct})
      endif()
    endif()
    get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND deps ${interface})
    endif()
    foreach(dep IN LISTS deps)
      # $<LINK_ONLY:x> (a static library's private links) still links x.
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
      if(NOT dep MATCHES "^\\$<" AND TARGET ${dep})
        list(APPEND queue ${dep})
      endif()
    endforeach()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(advisor_check_layers)
  get_property(grpc_free GLOBAL PROPERTY ADVISOR_GRPC_FREE_TARGETS)
  set(forbidden gRPC::grpc++ gRPC::grpc gRPC::grpc++_reflection advisor_proto_grpc)
  foreach(target IN LISTS grpc_free)
    _advisor_linked_closure(${target} linked)
    foreach(bad IN LISTS forbidden)
      if(TARGET ${bad})
        get_target_property(bad_aliased ${bad} ALIASED_TARGET)
        if(bad_aliased)
          set(bad ${bad_aliased})
        endif()
      endif()
      if(bad IN_LIST linked)
        message(FATAL_ERROR
          "${target} is a gRPC-free layer but links ${bad} (directly or through a library it "
          "links). Link advisor_proto_messages instead of advisor_proto_grpc, or move the gRPC "
          "code to service/api (docs/development.md, Layers).")
      endif()
    endforeach()
  endforeach()
  get_property(layers GLOBAL PROPERTY ADVISOR_LAYER_TARGETS)
  foreach(target IN LISTS layers)
    foreach(property INCLUDE_DIRECTORIES INTERFACE_INCLUDE_DIRECTORIES)
      get_target_property(dirs ${target} ${property})
      if(dirs AND ("${PROJECT_SOURCE_DIR}" IN_LIST dirs OR
                   "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>" IN_LIST dirs))
        message(FATAL_ERROR
          "${target} has the whole repository as an include root (${property}): a layer "
          "includes only what it links, through advisor_layer() (docs/development.md, Layers).")
      endif()
    endforeach()
  endforeach()
endfunction()
