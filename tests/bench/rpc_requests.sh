# The requests tests/bench/run_load.sh and server_instructions.sh send, one
# per RPC, so both scripts measure the same calls. Sourced, not run.
#
# Texts are written for the benchmarks (not taken from the eval sets).

# Short name -> full method name.
declare -A rpc_method=(
  [GetFramework]=advisor.v1.FrameworkService/GetFramework
  [MatchRole]=advisor.v1.RoleMatchingService/MatchRole
  [AnswerQuestion]=advisor.v1.FaqService/AnswerQuestion
  [AnswerQuestionFollowUp]=advisor.v1.FaqService/AnswerQuestion
  [ListFrameworks]=advisor.v1.FrameworkService/ListFrameworks
  [CompareFrameworks]=advisor.v1.FrameworkService/CompareFrameworks
  [ListFaqs]=advisor.v1.FaqService/ListFaqs
  [BatchAnswerQuestions100]=advisor.v1.FaqService/BatchAnswerQuestions
  [StreamAnswers]=advisor.v1.FaqService/StreamAnswers
)

# repeat_items N ITEM: N copies of ITEM joined by commas.
repeat_items() {
  local i out=""
  for ((i = 0; i < $1; ++i)); do out+="${out:+,}$2"; done
  echo "$out"
}
question_item='{"question":"Why would a young AI company pick PyTorch over the alternatives?"}'
stream_item="{\"requestId\":\"1\",\"request\":$question_item}"
# Questions per StreamAnswers message, as the SDK packs them.
stream_pack=32

# context_token QUESTION FRAMEWORK_ID ITEM: the conversation token the
# server issues after answering QUESTION about that framework from ITEM
# (service/engines/context_token.h: "1." + URL-safe base64 of a CRC-32 and
# the ConversationContext message), so a follow-up can be sent without a
# first call. A server that reads another token version answers
# INVALID_ARGUMENT, which fails the run loudly.
context_token() {
  python3 - "$@" <<'PY'
import base64, struct, sys, zlib
question, framework, item = (s.encode() for s in sys.argv[1:4])
field = lambda number, value: bytes([number << 3 | 2, len(value)]) + value
message = field(1, framework) + field(3, question) + field(4, item)
payload = struct.pack(">I", zlib.crc32(message)) + message
print("1." + base64.urlsafe_b64encode(payload).decode().rstrip("="))
PY
}
follow_up_context="$(context_token "who maintains pytorch?" pytorch frameworks/pytorch/developer)"

# Short name -> request as JSON.
declare -A rpc_request=(
  [GetFramework]='{"name":"frameworks/pytorch"}'
  [MatchRole]='{"description":"Machine learning engineer building fraud models for the payments team of a regional bank"}'
  [AnswerQuestion]='{"question":"Why would a young AI company pick PyTorch over the alternatives?"}'
  # A follow-up in a conversation: resolved against its context token.
  [AnswerQuestionFollowUp]="{\"question\":\"and keras?\",\"context\":\"$follow_up_context\"}"
  [ListFrameworks]='{}'
  [CompareFrameworks]='{"names":["pytorch","tensorflow"]}'
  [ListFaqs]='{}'
  # Batch: the AnswerQuestion request 100 times; stream: it once per message.
  [BatchAnswerQuestions100]="{\"requests\":[$(repeat_items 100 "$question_item")]}"
  [StreamAnswers]="{\"questions\":[$(repeat_items "$stream_pack" "$stream_item")]}"
)

# Short name -> extra advisor_load flags (later flags win). The stream is
# measured as the SDK and the CLI use it: one stream, whatever the
# concurrency, with 8 messages of 32 questions in flight. (Many streams on
# one server core cost more per answer; see tests/bench/README.md.)
declare -A rpc_flags=(
  [StreamAnswers]="--concurrency=1 --stream_window=8"
)

# Every unary RPC, in the order tables list them.
all_rpcs="GetFramework MatchRole AnswerQuestion AnswerQuestionFollowUp ListFrameworks CompareFrameworks ListFaqs"

# The bulk paths (issue 10), measured in answers per second: a batch of 100
# questions per call, and one stream (see rpc_flags).
bulk_rpcs="BatchAnswerQuestions100 StreamAnswers"

# What the echo baseline sends: a question-sized message.
echo_request='{"message":"Which deep learning framework should I learn first for a job in 2024?"}'

# find_binary BUILD_DIR NAME PREFERRED_PATH: the path of a built binary.
find_binary() {
  local build_dir="$1" name="$2" preferred="$3"
  if [[ -x "$build_dir/$preferred" ]]; then
    echo "$build_dir/$preferred"
    return
  fi
  local found
  found="$(find "$build_dir" -type f -name "$name" -perm -u+x 2>/dev/null | head -n 1)"
  if [[ -z "$found" ]]; then
    echo "$name not found under $build_dir (build it first)" >&2
    return 1
  fi
  echo "$found"
}
