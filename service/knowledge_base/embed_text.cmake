# Writes INPUT into OUTPUT as a C++ string, so the default knowledge base
# ships inside the binary. Hex escapes keep any byte safe.
file(READ "${INPUT}" _hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" _escaped "${_hex}")
# Break the literal every 64 bytes to keep lines short.
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n    \"" _escaped "${_escaped}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from default_knowledge_base.txtpb by embed_text.cmake. Do not edit.
#include \"absl/strings/string_view.h\"

namespace advisor::knowledge_base {

absl::string_view DefaultKnowledgeBaseText() {
  static constexpr char kText[] =
    \"${_escaped}\";
  return absl::string_view(kText, sizeof(kText) - 1);
}

}  // namespace advisor::knowledge_base
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
