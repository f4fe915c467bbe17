# Writes INPUT into OUTPUT as a C++ string returned by NAMESPACE::FUNCTION
# (by default advisor::knowledge_base::DefaultKnowledgeBaseText), so a text
# file ships inside the binary. Hex escapes keep any byte safe.
if(NOT DEFINED NAMESPACE)
  set(NAMESPACE "advisor::knowledge_base")
endif()
if(NOT DEFINED FUNCTION)
  set(FUNCTION "DefaultKnowledgeBaseText")
endif()
get_filename_component(_input_name "${INPUT}" NAME)
file(READ "${INPUT}" _hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" _escaped "${_hex}")
# Break the literal every 64 bytes to keep lines short.
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n    \"" _escaped "${_escaped}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${_input_name} by embed_text.cmake. Do not edit.
#include \"absl/strings/string_view.h\"

namespace ${NAMESPACE} {

absl::string_view ${FUNCTION}() {
  static constexpr char kText[] =
    \"${_escaped}\";
  return absl::string_view(kText, sizeof(kText) - 1);
}

}  // namespace ${NAMESPACE}
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
