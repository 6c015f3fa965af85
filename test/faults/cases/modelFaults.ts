// What the model itself gets wrong: broken tool-call arguments, a tool that does not exist, raw tool-call
// markup in the text, a budget spent on reasoning, and a conversation too long for the context window.
import { chatRequests, checkSurvival, pipelineFault, type FaultRig } from '../harness/faultRun';
import type { FaultCase } from '../suite';

/** The tool messages the model was sent in the request with this index (0-based). */
function toolMessagesSent(rig: FaultRig, requestIndex: number): string[] {
  const body = rig.server.requests.filter((request) => request.path.endsWith('/chat/completions'))[requestIndex]?.body;
  if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages)) return [];
  return body.messages.flatMap((message: unknown) =>
    typeof message === 'object' && message !== null && 'role' in message && message.role === 'tool' && 'content' in message && typeof message.content === 'string'
      ? [message.content]
      : [],
  );
}

const FINAL = 'Done: the function adds two numbers.';

/** The model makes a call that cannot run: it is told why in the tool message and goes on to an answer. */
function toolErrorFault(name: string, expected: string, ask: string, call: { name: string; arguments: string }, told: RegExp): FaultCase {
  return pipelineFault(name, expected, async (rig, checks) => {
    rig.server.enqueue({ kind: 'reply', reasoning: 'Call the tool.', toolCalls: [call] }, { kind: 'reply', reasoning: 'That call failed; answer anyway.', content: FINAL });
    const run = await rig.session.send(ask);
    const toolError = toolMessagesSent(rig, 1).at(-1) ?? '';
    checks.that(told.test(toolError), `the model was not told: ${toolError}`);
    checks.that(run.turn.toolCards[0]?.status === 'error', `card ${run.turn.toolCards[0]?.status}`);
    const survival = await checkSurvival(checks, rig, run, { status: 'done', partialText: FINAL });
    return `tool error sent ("${toolError.slice(0, 50)}…"), ${chatRequests(rig)} requests; ${survival}`;
  });
}

export const modelFaultCases: FaultCase[] = [
  toolErrorFault('invalid tool-call JSON arguments', 'the model gets a tool error and the turn goes on to an answer', 'What does add do?', { name: 'read_file', arguments: '{"path": "src/app.ts"' }, /not valid JSON/),
  toolErrorFault('unknown tool name', 'the model gets "Unknown tool" and the turn goes on', 'Clean up.', { name: 'delete_repository', arguments: '{"confirm":true}' }, /Unknown tool "delete_repository"/),
  pipelineFault('leaked tool-call markup', 'text before the markup kept, markup withheld, protocol error, nothing run', async (rig, checks) => {
    const before = 'Let me look at the settings. ';
    rig.server.enqueue({ kind: 'reply', content: before, leakToolMarkup: true, toolCalls: [{ name: 'read_file', arguments: '{"path":".env"}' }] });
    const run = await rig.session.send('Check my settings.');
    checks.that(!run.turn.text.includes('<|'), 'markup shown as text');
    checks.that(rig.session.approvalRequests.length === 0 && run.turn.toolCards.length === 0, 'a leaked call was acted on');
    const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'retry', category: 'protocol', partialText: before });
    return `${survival}`;
  }),
  pipelineFault(
    'reasoning only, output budget used up',
    'finish_reason length: a message pointing to the output limit setting, reasoning kept',
    async (rig, checks) => {
      const reasoning = 'Let me think about every corner of this question in great detail before answering it. '.repeat(3);
      rig.server.enqueue({ kind: 'reply', reasoning, content: 'This answer never arrives.' });
      const run = await rig.session.send('Explain everything.');
      const kept = reasoning.slice(0, 30 * 4);
      checks.that(/output limit/.test(run.turn.error?.message ?? ''), `message: ${run.turn.error?.message}`);
      const survival = await checkSurvival(checks, rig, run, { status: 'done', action: 'openSettings', partialText: '', partialReasoning: kept });
      return survival;
    },
    { session: { maxOutputTokens: 30 } },
  ),
  pipelineFault(
    'context overflow 400',
    'context error with New Chat, one request; history valid on a full-size window',
    async (rig, checks) => {
      const run = await rig.session.send(`Summarize this log:\n${'GET /index.html 200 12ms\n'.repeat(800)}`);
      checks.that(chatRequests(rig) === 1, `${chatRequests(rig)} requests`);
      const survival = await checkSurvival(checks, rig, run, { status: 'error', action: 'shortenContext', category: 'contextTooLong', partialText: '' });
      return survival;
    },
    { contextWindow: 4000, session: { maxOutputTokens: 2000 } },
  ),
];
