// The shared frame of every pipeline fault: a fresh workspace, store and strict fake server; after the turn,
// the checks every fault must pass: a sentence and an action for the user, the partial answer kept, the
// conversation file reloads, its history is accepted by a strict server on the next turn, no file touched.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ConversationStore } from '../../../src/common/conversations/store';
import { NodeConversationFolder } from '../../../src/node/conversationFolder';
import { toAssistantView } from '../../../src/common/conversations/viewModel';
import type { ErrorAction } from '../../../src/common/llm/types';
import { parseHostToWebview } from '../../../src/common/protocol';
import { startFakeKimi, type FakeKimi, type Flavor } from '../../fixtures/fake-kimi/server';
import { checkedCase, Checks, clip, type FaultCase, type SuiteContext } from '../suite';
import { ChatSession, type SessionOptions, type TurnRun } from './pipeline';
import { createSampleWorkspace, fingerprint } from './workspace';

export interface RigOptions {
  flavor?: Flavor;
  contextWindow?: number;
  session?: Partial<Omit<SessionOptions, 'server' | 'apiKey' | 'workspace' | 'storeDirectory' | 'artifacts' | 'origin'>>;
}

export interface FaultRig {
  server: FakeKimi;
  session: ChatSession;
  workspace: string;
  storeDirectory: string;
  workspaceBefore: string;
  context: SuiteContext;
  origin: string;
  close(): Promise<void>;
}

let rigCounter = 0;

export async function openRig(context: SuiteContext, origin: string, options: RigOptions = {}): Promise<FaultRig> {
  const folder = join(context.tempRoot, `rig-${++rigCounter}`);
  const workspace = join(folder, 'workspace');
  const storeDirectory = join(folder, 'conversations');
  await mkdir(workspace, { recursive: true });
  await createSampleWorkspace(workspace, context.apiKey);
  const server = await startFakeKimi({ flavor: options.flavor ?? 'aimlapi', apiKey: context.apiKey, contextWindow: options.contextWindow, seed: 11 });
  const session = new ChatSession({
    server,
    apiKey: context.apiKey,
    workspace,
    storeDirectory,
    artifacts: context.artifacts,
    origin,
    streamSaveDelayMs: 50,
    ...options.session,
  });
  return {
    server,
    session,
    workspace,
    storeDirectory,
    workspaceBefore: await fingerprint(workspace),
    context,
    origin,
    close: async () => {
      recordRequestBodies(context, origin, server);
      await server.close();
    },
  };
}

/** What the provider received is an artifact too: the key must never travel inside a prompt. */
function recordRequestBodies(context: SuiteContext, origin: string, server: FakeKimi): void {
  for (const request of server.requests) context.artifacts.add('request body', origin, JSON.stringify(request.body ?? ''));
}

export interface Survival {
  status: 'error' | 'done' | 'stopped';
  /** The action the error card offers; undefined means no error card (a plain answer, or the user's own Stop). */
  action?: ErrorAction;
  category?: string;
  /** The answer text that must be kept, exactly. */
  partialText?: string;
  partialReasoning?: string;
}

/** A sentence a person can read: one line, not a stack trace, not a raw body, not a bare error code. */
function isReadableSentence(text: string): boolean {
  return /^[A-Z0-9"'].{15,300}$/.test(text) && !/\n|\bat .+:\d+:\d+|^\s*[{[]|^Error:/.test(text);
}

/** The checks every fault shares; returns a short description of what was seen. */
export async function checkSurvival(checks: Checks, rig: FaultRig, run: TurnRun, expected: Survival): Promise<string> {
  const { turn } = run;
  const seen: string[] = [];
  checks.that(turn.status === expected.status, `status ${turn.status}, expected ${expected.status}`);
  if (expected.action) {
    const error = turn.error;
    if (checks.that(error !== undefined, 'no error card on the turn')) {
      checks.that(isReadableSentence(error?.message ?? ''), `error is not a readable sentence: ${clip(error?.message ?? '')}`);
      checks.that(error?.action === expected.action, `action ${error?.action}, expected ${expected.action}`);
      if (expected.category) checks.that(error?.category === expected.category, `category ${error?.category}, expected ${expected.category}`);
      seen.push(`${turn.status}${error?.category ? `/${error.category}` : ''} → ${error?.action}: "${clip(error?.message ?? '', 60)}"`);
    }
  } else {
    checks.that(turn.error === undefined, `unexpected error card: ${clip(turn.error?.message ?? '')}`);
    seen.push(turn.status);
  }

  const invalid = rig.session.posted.map(parseHostToWebview).filter((parsed) => !parsed.ok);
  checks.that(invalid.length === 0, `the webview would drop ${invalid.length} posted messages: ${invalid.map((parsed) => (parsed.ok ? '' : parsed.error)).join('; ')}`);
  const lastView = [...rig.session.posted].reverse().find((message) => message.type === 'turnUpdated' && message.turn.id === turn.id);
  checks.that(lastView?.type === 'turnUpdated' && isDeepStrictEqual(lastView.turn, toAssistantView(turn)), 'the chat view was not left showing the stored turn');

  if (expected.partialText !== undefined) {
    checks.that(turn.text === expected.partialText, `kept text ${JSON.stringify(clip(turn.text, 40))}, expected ${JSON.stringify(clip(expected.partialText, 40))}`);
    if (expected.partialText) {
      const carried = turn.messages.some((message) => message.role === 'assistant' && message.content === expected.partialText);
      checks.that(carried, 'the partial answer is not in the history the model will see');
      seen.push(`${expected.status === 'done' ? 'answer' : 'kept'} ${expected.partialText.length} chars`);
    }
  }
  if (expected.partialReasoning !== undefined) {
    checks.that(turn.reasoning === expected.partialReasoning, `kept reasoning ${JSON.stringify(clip(turn.reasoning, 40))}`);
    if (expected.partialReasoning) seen.push(`kept ${expected.partialReasoning.length} reasoning chars`);
  }

  seen.push(await checkReload(checks, rig, run));
  seen.push(await checkResume(checks, rig));
  const unchanged = (await fingerprint(rig.workspace)) === rig.workspaceBefore;
  checks.that(unchanged, 'a workspace file changed');
  seen.push(unchanged ? 'files untouched' : 'FILES CHANGED');
  return seen.join('; ');
}

async function checkReload(checks: Checks, rig: FaultRig, run: TurnRun): Promise<string> {
  const id = rig.session.conversation?.id ?? '';
  const quarantined: string[] = [];
  const loaded = await new ConversationStore(new NodeConversationFolder(rig.storeDirectory), (file) => quarantined.push(file.reason)).load(id);
  const storedTurn = loaded?.turns.find((candidate) => candidate.id === run.turn.id);
  const same = storedTurn !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(storedTurn)), JSON.parse(JSON.stringify(run.turn)));
  checks.that(loaded !== undefined && quarantined.length === 0, `the conversation file did not reload (${quarantined.join(', ') || 'missing'})`);
  checks.that(same, 'the turn on disk differs from the turn in memory');
  return loaded && same ? 'reloads' : 'RELOAD FAILED';
}

/** Reopens the conversation from disk against a fresh strict server and asks for one more answer. */
async function checkResume(checks: Checks, rig: FaultRig): Promise<string> {
  const id = rig.session.conversation?.id ?? '';
  const verifier = await startFakeKimi({ flavor: rig.server.flavor, apiKey: rig.context.apiKey, seed: 5 });
  try {
    const reopened = await ChatSession.reopen({ ...rig.session.options, server: verifier, origin: `${rig.origin} (resumed)`, timeoutMs: 10_000 }, id);
    if (!reopened) {
      checks.that(false, 'the conversation could not be reopened');
      return 'NOT RESUMABLE';
    }
    const next = await reopened.send('Please go on.');
    const rejected = verifier.requests.filter((request) => request.rejected).map((request) => JSON.stringify(request.rejected?.body));
    checks.that(rejected.length === 0, `the next turn was rejected: ${clip(rejected.join(' '), 160)}`);
    checks.that(next.turn.status === 'done' && next.turn.text === 'You said: Please go on.', `the next turn did not answer (${next.turn.status})`);
    return rejected.length === 0 && next.turn.status === 'done' ? 'resumes' : 'NOT RESUMABLE';
  } finally {
    recordRequestBodies(rig.context, `${rig.origin} (resumed)`, verifier);
    await verifier.close();
  }
}

/** A fault case that runs one rig: the body drives the turn and returns what it saw. */
export function pipelineFault(
  name: string,
  expected: string,
  body: (rig: FaultRig, checks: Checks) => Promise<string>,
  rigOptions: RigOptions = {},
): FaultCase {
  return checkedCase({ name, kind: 'fault', expected }, async (context, checks) => {
    const rig = await openRig(context, name, rigOptions);
    try {
      return checks.result(await body(rig, checks));
    } finally {
      await rig.close();
    }
  });
}

/** How many chat requests the fake server received. */
export function chatRequests(rig: FaultRig): number {
  return rig.server.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
}
