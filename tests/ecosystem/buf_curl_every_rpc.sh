#!/usr/bin/env bash
# Calls every advisor RPC with `buf curl` over server reflection -- the path
# grpcurl and other schema-less tools take -- and checks each JSON answer.
# Needs ADVISOR_TARGET (host:port); run it through tests/support/start_server.py
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${ADVISOR_TARGET:?run through tests/support/start_server.py}"
base="http://${ADVISOR_TARGET}"

call() {  # call SERVICE/METHOD JSON_REQUEST
  "${here}/buf.sh" curl --protocol grpc --http2-prior-knowledge \
    --data "$2" "${base}/$1"
}

# expect NAME JS_CONDITION: reads JSON on stdin, fails unless the condition
# (a JavaScript expression over `r`) holds. A stream's responses, which buf
# curl prints one JSON object after another, arrive as an array.
expect() {
  node -e '
    const fs = require("fs");
    const [name, cond] = process.argv.slice(1);
    const text = fs.readFileSync(0, "utf8");
    const r = JSON.parse(/^\}\s*\{/m.test(text) ? "[" + text.replace(/^\}\s*\{/gm, "},{") + "]" : text);
    if (!new Function("r", "return (" + cond + ");")(r)) {
      console.error("FAIL " + name + ": " + cond + "\n" + text);
      process.exit(1);
    }
    console.log("ok   " + name);
  ' "$1" "$2"
}

services="$("${here}/buf.sh" curl --protocol grpc --http2-prior-knowledge --list-services "${base}")"
for s in advisor.v1.FrameworkService advisor.v1.FaqService advisor.v1.RoleMatchingService \
         grpc.health.v1.Health; do
  if ! grep -qx "${s}" <<<"${services}"; then
    echo "FAIL reflection does not list ${s}; got:" >&2
    echo "${services}" >&2
    exit 1
  fi
done
echo "ok   list-services"

call advisor.v1.FrameworkService/GetFramework '{"name":"frameworks/keras"}' |
  expect GetFramework 'r.framework.displayName === "Keras"'

call advisor.v1.FrameworkService/ListFrameworks '{}' |
  expect ListFrameworks 'r.frameworks.slice(0, 4).map(f => f.displayName).join() === "PyTorch,TensorFlow,Keras,JAX" && r.frameworks.length === r.totalSize'

call advisor.v1.FrameworkService/ListFrameworks '{"filter":"status = RETIRED"}' |
  expect ListFrameworks 'r.frameworks.some(f => f.displayName === "Theano") && r.frameworks.every(f => f.status === "STATUS_RETIRED")'

call advisor.v1.FrameworkService/CompareFrameworks \
  '{"names":["frameworks/pytorch","frameworks/tensorflow"]}' |
  expect CompareFrameworks 'r.frameworks.length === 2 && r.frameworks[0].displayName === "PyTorch" && r.frameworks[1].displayName === "TensorFlow"'

call advisor.v1.RoleMatchingService/MatchRole \
  '{"description":"Research scientist prototyping new deep learning models"}' |
  expect MatchRole 'r.matches.length > 0 && r.matches[0].framework === "frameworks/pytorch"'

call advisor.v1.FaqService/AnswerQuestion \
  '{"question":"Which AI framework is most popular in 2024 hiring trends globally?"}' |
  expect AnswerQuestion 'r.answered === true && r.answer === "PyTorch and TensorFlow are the leading frameworks, with Keras supporting learning and prototyping."'

# A conversation by hand: the first answer's context token goes into the
# follow-up, which is read as a question about Keras.
context="$(call advisor.v1.FaqService/AnswerQuestion '{"question":"who maintains pytorch?"}' |
  node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(r.context)')"
call advisor.v1.FaqService/AnswerQuestion \
  "{\"question\":\"and keras?\",\"context\":\"${context}\",\"explain\":true}" |
  expect AnswerQuestion/context 'r.source.name === "frameworks/keras" && r.explanation.readAs === "who maintains Keras" && r.context.startsWith("1.")'

call advisor.v1.FaqService/ListFaqs '{}' |
  expect ListFaqs 'r.faqs.length > 0 && r.faqs.every(f => f.question && f.answer)'

call advisor.v1.RoleMatchingService/BatchMatchRoles \
  '{"requests":[{"description":"Research scientist prototyping new deep learning models"},{"description":""}]}' |
  expect BatchMatchRoles 'r.results.length === 2 && r.results[0].response.matches[0].framework === "frameworks/pytorch" && r.results[1].error.code === 3'

call advisor.v1.FaqService/BatchAnswerQuestions \
  '{"requests":[{"question":"Which AI framework is most popular in 2024 hiring trends globally?"},{"question":" "}]}' |
  expect BatchAnswerQuestions 'r.results.length === 2 && r.results[0].response.answered === true && r.results[1].error.code === 3'

# A bidirectional stream: buf curl sends the concatenated request messages
# (here one of two questions, then one of one), then half-closes, and prints
# every response message.
call advisor.v1.FaqService/StreamAnswers \
  '{"questions":[{"requestId":"a","request":{"question":"Which AI framework is most popular in 2024 hiring trends globally?"}},{"requestId":"b","request":{"question":""}}]} {"questions":[{"requestId":"c","request":{"question":"How do I cook pasta?"}}]}' |
  expect StreamAnswers 'r.length === 2 && r.flatMap(m => m.answers).map(a => a.requestId).join() === "a,b,c" && r[0].answers[0].result.response.answered === true && r[0].answers[1].result.error.code === 3 && r[1].answers[0].result.response.answered !== true'

call grpc.health.v1.Health/Check '{}' |
  expect Health/Check 'r.status === "SERVING"'

# An unknown framework is NOT_FOUND: buf curl exits with 8 * code (NOT_FOUND = 5).
set +e
call advisor.v1.FrameworkService/GetFramework '{"name":"frameworks/no-such"}' \
  >/dev/null 2>"${TMPDIR:-/tmp}/buf_curl_err.$$"
code=$?
set -e
err="$(cat "${TMPDIR:-/tmp}/buf_curl_err.$$")"
rm -f "${TMPDIR:-/tmp}/buf_curl_err.$$"
if [[ "${code}" -ne 40 ]] || ! grep -q not_found <<<"${err}"; then
  echo "FAIL unknown framework: want exit 40 and not_found, got exit ${code}: ${err}" >&2
  exit 1
fi
echo "ok   GetFramework unknown -> NOT_FOUND"
