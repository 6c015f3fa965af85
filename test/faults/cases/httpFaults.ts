// Provider and network failures through the whole pipeline: HTTP errors of both providers, retries that
// succeed, retries that give up, and streams that break after part of the answer arrived.
import { faults, type ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { chatRequests, checkSurvival, pipelineFault, type FaultRig } from '../harness/faultRun';
import type { Checks, FaultCase } from '../suite';

const ANSWER = 'The first part of the answer arrives, and then the connection drops without warning.';
const CHUNK = 8;
/** The role chunk plus three text chunks reach the client before the fault. */
const CHUNKS_BEFORE_FAULT = 4;
const PARTIAL = ANSWER.slice(0, CHUNK * (CHUNKS_BEFORE_FAULT - 1));
const streamedReply = { content: ANSWER, chunkSize: CHUNK };

/** The attempt numbers the retry notices announce ("Retrying in 2 s (attempt 2).") */
function retryNotices(rig: FaultRig): number[] {
  return rig.session.posted.flatMap((message) => {
    const match = message.type === 'notice' ? /Retrying in \d+ s \(attempt (\d+)\)/.exec(message.message) : null;
    return match ? [Number(match[1])] : [];
  });
}

function expectRequests(checks: Checks, rig: FaultRig, count: number): string {
  const seen = chatRequests(rig);
  checks.that(seen === count, `${seen} requests, expected ${count}`);
  return `${seen} request${seen === 1 ? '' : 's'}`;
}

/** A retried failure that ends in a normal answer. */
function recovers(name: string, failure: ScriptedResponse, waitMs?: number): FaultCase {
  return pipelineFault(name, `retried once, then the answer arrives${waitMs ? ` (waits ${waitMs / 1000} s)` : ''}`, async (rig, checks) => {
    rig.server.enqueue(failure, { kind: 'reply', reasoning: 'Fine now.', content: 'Here is the answer.' });
    const run = await rig.session.send('Explain the code.');
    checks.that(run.turn.text === 'Here is the answer.', `answer ${JSON.stringify(run.turn.text)}`);
    if (waitMs !== undefined) checks.that(rig.session.retryWaits.join() === String(waitMs), `waited ${rig.session.retryWaits.join(', ')} ms`);
    checks.that(retryNotices(rig).join() === '2', `retry notices name attempts [${retryNotices(rig).join(', ')}], expected [2]`);
    const survival = await checkSurvival(checks, rig, run, { status: 'done', partialText: 'Here is the answer.' });
    return `${expectRequests(checks, rig, 2)}, waited ${rig.session.retryWaits.join('+')} ms; ${survival}`;
  });
}

/** A server error on every attempt: the user is told each retry, then gets the error with Retry. */
function persists(status: number): FaultCase {
  return pipelineFault(`${status} persisting`, 'retried to the limit (attempts 2-4 announced), then a server error with Retry', async (rig, checks) => {
    rig.server.enqueue(...Array.from({ length: 4 }, () => faults.serverError(status)));
    const run = await rig.session.send('Hello');
    checks.that(retryNotices(rig).join() === '2,3,4', `retry notices name attempts [${retryNotices(rig).join(', ')}]`);
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'retry', category: 'server', partialText: '' });
    return `${expectRequests(checks, rig, 4)}, retries announced as attempts ${retryNotices(rig).join(', ')}; ${survival}`;
  });
}

/** A stream that breaks after part of the answer: one request, an error with Retry, the part that arrived kept. */
function breaksMidStream(name: string, expected: string, fault: ScriptedResponse, category: string): FaultCase {
  return pipelineFault(name, expected, async (rig, checks) => {
    rig.server.enqueue(fault);
    const run = await rig.session.send('Explain the code.');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'retry', category, partialText: PARTIAL });
    return `${expectRequests(checks, rig, 1)}; ${survival}`;
  });
}

export const httpFaultCases: FaultCase[] = [
  pipelineFault('401 invalid key (body echoes the key)', 'auth error, Set API Key, not retried, key redacted', async (rig, checks) => {
    rig.server.enqueue({ kind: 'error', status: 401, message: `Incorrect API key provided: ${rig.context.apiKey}. Create a new key on the Billing page.` });
    const run = await rig.session.send('Hello');
    checks.that(!JSON.stringify(run.turn.error).includes(rig.context.apiKey), 'the error shows the key');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'setKey', category: 'auth', partialText: '' });
    return `${expectRequests(checks, rig, 1)}; ${survival}`;
  }),
  pipelineFault('403 out of credits (AI/ML API)', 'quota error, Top Up, not retried', async (rig, checks) => {
    rig.server.enqueue(faults.outOfCredits());
    const run = await rig.session.send('Hello');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'topUp', category: 'quota', partialText: '' });
    return `${expectRequests(checks, rig, 1)}; ${survival}`;
  }),
  recovers('429 with Retry-After', faults.rateLimited(2), 2000),
  pipelineFault('429 quota exhausted (Moonshot)', 'quota error, Top Up, exactly one request', async (rig, checks) => {
    rig.server.enqueue(faults.quotaExhausted());
    const run = await rig.session.send('Hello');
    checks.that(rig.session.retryWaits.length === 0, 'the client waited to retry a quota error');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'topUp', category: 'quota', partialText: '' });
    return `${expectRequests(checks, rig, 1)}; ${survival}`;
  }, { flavor: 'moonshot' }),
  recovers('500 then success', faults.serverError(500)),
  recovers('503 then success', faults.serverError(503)),
  persists(500),
  persists(503),
  breaksMidStream('connection reset mid-stream', 'network error, partial text kept, not replayed', faults.connectionReset(CHUNKS_BEFORE_FAULT, streamedReply), 'network'),
  breaksMidStream('stream cut without [DONE]', 'network error, partial text kept', faults.cutWithoutDone(CHUNKS_BEFORE_FAULT, streamedReply), 'network'),
  breaksMidStream('malformed JSON chunk', 'protocol error, partial text kept', faults.malformedChunk(CHUNKS_BEFORE_FAULT, streamedReply), 'protocol'),
  pipelineFault('connection reset after a tool round', 'the tool round stays in history, the second answer\'s text kept, resumable', async (rig, checks) => {
    rig.server.enqueue(
      { kind: 'reply', reasoning: 'Read first.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/app.ts"}' }] },
      faults.connectionReset(CHUNKS_BEFORE_FAULT, streamedReply),
    );
    const run = await rig.session.send('Explain src/app.ts.');
    checks.that(run.turn.messages.filter((message) => message.role === 'tool').length === 1, 'the tool round was not kept');
    checks.that(run.turn.toolCards.map((card) => card.status).join() === 'done', 'the finished tool card changed');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'retry', category: 'network', partialText: PARTIAL });
    return `${expectRequests(checks, rig, 2)}; ${survival}`;
  }),
  pipelineFault(
    'request hangs (client timeout 1.5 s)',
    'timeout error with Retry, partial text kept',
    async (rig, checks) => {
      rig.server.enqueue(faults.hang(CHUNKS_BEFORE_FAULT, streamedReply));
      const started = Date.now();
      const run = await rig.session.send('Explain the code.');
      const elapsed = Date.now() - started;
      checks.that(elapsed < 5000, `the turn took ${elapsed} ms`);
      const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'retry', category: 'timeout', partialText: PARTIAL });
      return `gave up after ${(elapsed / 1000).toFixed(1)} s; ${survival}`;
    },
    { session: { timeoutMs: 1500 } },
  ),
];
