// Calls every advisor RPC from Node.js with @grpc/grpc-js and the repository's
// .proto files, proving the service works for a client in another language
// that we did not write. Needs ADVISOR_TARGET (host:port); run it through
// tests/support/start_server.py: `start_server.py advisor_server node --test <this file>`.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const test = require('node:test');

let grpc;
let protoLoader;
try {
  grpc = require('@grpc/grpc-js');
  protoLoader = require('@grpc/proto-loader');
} catch (error) {
  console.error("error: npm packages missing; run 'npm ci --prefix tests/ecosystem' (make test does it)");
  throw error;
}

const target = process.env.ADVISOR_TARGET;
assert.ok(target, 'ADVISOR_TARGET must be set; run through tests/support/start_server.py');

const protoDir = path.resolve(__dirname, '..', '..', 'proto');
const definition = protoLoader.loadSync(
    [
      'advisor/v1/framework_service.proto',
      'advisor/v1/faq_service.proto',
      'advisor/v1/role_matching_service.proto',
      'grpc/health/v1/health.proto',
    ],
    {includeDirs: [protoDir], keepCase: false, longs: Number, enums: String, defaults: true});
const loaded = grpc.loadPackageDefinition(definition);

const credentials = grpc.credentials.createInsecure();
const frameworks = new loaded.advisor.v1.FrameworkService(target, credentials);
const faqs = new loaded.advisor.v1.FaqService(target, credentials);
const roles = new loaded.advisor.v1.RoleMatchingService(target, credentials);
const health = new loaded.grpc.health.v1.Health(target, credentials);

// Promise form of a unary call, with a deadline so a hung server fails the test.
function call(client, method, request) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + 10000);
    client[method](request, {deadline}, (error, response) => {
      if (error) {
        reject(error);
      } else {
        resolve(response);
      }
    });
  });
}

test.after(() => {
  for (const client of [frameworks, faqs, roles, health]) client.close();
});

test('GetFramework returns Keras', async () => {
  const response = await call(frameworks, 'getFramework', {name: 'frameworks/keras'});
  assert.equal(response.framework.name, 'frameworks/keras');
  assert.equal(response.framework.displayName, 'Keras');
});

test('GetFramework of an unknown framework is NOT_FOUND', async () => {
  await assert.rejects(
      call(frameworks, 'getFramework', {name: 'frameworks/no-such'}),
      (error) => error.code === grpc.status.NOT_FOUND);
});

test('ListFrameworks lists the seed\'s three frameworks first, then the others', async () => {
  const response = await call(frameworks, 'listFrameworks', {});
  assert.deepEqual(
      response.frameworks.slice(0, 4).map((f) => f.displayName),
      ['PyTorch', 'TensorFlow', 'Keras', 'JAX']);
  assert.equal(response.frameworks.length, response.totalSize);
});

test('ListFrameworks filters by status', async () => {
  const response = await call(frameworks, 'listFrameworks', {filter: 'status = RETIRED'});
  assert.ok(response.frameworks.some((f) => f.displayName === 'Theano'));
  assert.ok(response.frameworks.every((f) => f.status === 'STATUS_RETIRED'));
});

test('CompareFrameworks compares the requested frameworks in order', async () => {
  const response = await call(
      frameworks, 'compareFrameworks', {names: ['frameworks/pytorch', 'frameworks/tensorflow']});
  assert.deepEqual(response.frameworks.map((f) => f.displayName), ['PyTorch', 'TensorFlow']);
});

test('MatchRole ranks PyTorch first for research', async () => {
  const response = await call(
      roles, 'matchRole', {description: 'Research scientist prototyping new deep learning models'});
  assert.ok(response.matches.length > 0);
  assert.equal(response.matches[0].framework, 'frameworks/pytorch');
});

test('AnswerQuestion answers the seed question', async () => {
  const response = await call(
      faqs, 'answerQuestion',
      {question: 'Which AI framework is most popular in 2024 hiring trends globally?'});
  assert.equal(response.answered, true);
  assert.equal(
      response.answer,
      'PyTorch and TensorFlow are the leading frameworks, with Keras supporting learning and prototyping.');
});

test('AnswerQuestion rejects an empty question as INVALID_ARGUMENT', async () => {
  await assert.rejects(
      call(faqs, 'answerQuestion', {question: ''}),
      (error) => error.code === grpc.status.INVALID_ARGUMENT);
});

test('ListFaqs lists questions with answers', async () => {
  const response = await call(faqs, 'listFaqs', {});
  assert.ok(response.faqs.length > 0);
  for (const faq of response.faqs) {
    assert.ok(faq.question && faq.answer, JSON.stringify(faq));
  }
});

test('BatchAnswerQuestions answers in order with a per-item error', async () => {
  const response = await call(faqs, 'batchAnswerQuestions', {
    requests: [
      {question: 'Which AI framework is most popular in 2024 hiring trends globally?'},
      {question: ''},
    ],
  });
  assert.equal(response.results.length, 2);
  assert.equal(response.results[0].response.answered, true);
  assert.equal(response.results[1].error.code, grpc.status.INVALID_ARGUMENT);
});

test('BatchMatchRoles matches in order with a per-item error', async () => {
  const response = await call(roles, 'batchMatchRoles', {
    requests: [{description: 'Research scientist prototyping new deep learning models'}, {description: ' '}],
  });
  assert.equal(response.results.length, 2);
  assert.equal(response.results[0].response.matches[0].framework, 'frameworks/pytorch');
  assert.equal(response.results[1].error.code, grpc.status.INVALID_ARGUMENT);
});

test('BatchAnswerQuestions refuses an empty batch as INVALID_ARGUMENT', async () => {
  await assert.rejects(
      call(faqs, 'batchAnswerQuestions', {requests: []}),
      (error) => error.code === grpc.status.INVALID_ARGUMENT);
});

test('StreamAnswers answers every question of a bidirectional stream, tagged by id', async () => {
  const stream = faqs.streamAnswers({deadline: new Date(Date.now() + 10000)});
  const answers = [];
  const ended = new Promise((resolve, reject) => {
    stream.on('data', (response) => answers.push(...response.answers));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const popular = 'Which AI framework is most popular in 2024 hiring trends globally?';
  for (let i = 0; i < 50; ++i) {
    const question = i === 7 ? '   ' : popular;
    stream.write({questions: [{requestId: `q${i}`, request: {question}}]});
  }
  // Several questions in one message are answered in one response, in order.
  stream.write({questions: [{requestId: 'x', request: {question: popular}}, {requestId: 'y', request: {question: ''}}]});
  stream.end();
  await ended;
  const ids = Array.from({length: 50}, (_, i) => `q${i}`).concat(['x', 'y']);
  assert.deepEqual(answers.map((a) => a.requestId), ids);
  assert.equal(answers[0].result.response.answered, true);
  assert.equal(answers[7].result.error.code, grpc.status.INVALID_ARGUMENT);
  assert.equal(answers[8].result.response.answered, true);
  assert.equal(answers[51].result.error.code, grpc.status.INVALID_ARGUMENT);
});

test('Health/Check reports SERVING', async () => {
  const response = await call(health, 'check', {});
  assert.equal(response.status, 'SERVING');
});
