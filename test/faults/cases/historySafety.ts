// Conversation history under crashes and damage: the disk as it was at the instant of a crash mid-stream
// reloads to the last complete event; a write cut short leaves the previous version; damaged files are set
// aside (not deleted) while every other conversation still loads.
import { cpSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { ConversationStore, type QuarantinedFile } from '../../../src/common/conversations/store';
import { NodeConversationFolder } from '../../../src/node/conversationFolder';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
import { startFakeKimi, type ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { openRig } from '../harness/faultRun';
import type { SimulatedUser } from '../harness/nodeTools';
import { ChatSession } from '../harness/pipeline';
import { fingerprint } from '../harness/workspace';
import { bytesLost, checkedCase, Checks, type FaultCase, type SuiteContext } from '../suite';

const STREAMED = 'The file defines add, which returns the sum of its two arguments. It has no tests yet, so I suggest adding some. ';

interface CrashScenario {
  replies: ScriptedResponse[];
  user: SimulatedUser;
  /** True for the message at which the extension host "dies". */
  crashesAt(message: HostToWebviewMessage, streamedText: string): boolean;
  /** The crash comes this long after the trigger (a pending review sits there for a while). */
  delayMs: number;
  /** Complete messages the turn holds at the crash. */
  completeMessages: number;
  /** Tool card statuses after the reload. */
  cardsAfterReload: string;
  /** What the first request after the reload must carry. */
  resumeCarries: RegExp;
  /** How long streamed text waits before it is saved (the extension uses 1 s). */
  saveDelayMs: number;
  /** Streamed characters that must survive the crash (the saves that had time to happen). */
  minRestoredChars: number;
}

const crashScenarios: Record<'stream' | 'streamSaved' | 'review', CrashScenario> = {
  stream: {
    replies: [
      { kind: 'reply', reasoning: 'Read it first.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/app.ts"}' }] },
      { kind: 'reply', content: STREAMED.repeat(3), chunkDelayMs: 10 },
    ],
    user: () => 'deny',
    crashesAt: (message, streamedText) => message.type === 'assistantDelta' && streamedText.length >= 40,
    delayMs: 0,
    completeMessages: 2,
    cardsAfterReload: 'done',
    resumeCarries: /"role":"tool","tool_call_id":"[^"]+","content":"src\/app.ts \(3 lines\)/,
    saveDelayMs: 1000,
    minRestoredChars: 0,
  },
  // The throttled save of streamed text had time to run (50 ms delay, crash 400 ms into the stream): text survives.
  streamSaved: {
    replies: [{ kind: 'reply', content: STREAMED.repeat(6), chunkDelayMs: 10 }],
    user: () => 'deny',
    crashesAt: (message, streamedText) => message.type === 'assistantDelta' && streamedText.length >= 8,
    delayMs: 400,
    completeMessages: 0,
    cardsAfterReload: '',
    resumeCarries: /"role":"user","content":"What is in src\/app.ts\?"/,
    saveDelayMs: 50,
    minRestoredChars: 40,
  },
  review: {
    replies: [
      {
        kind: 'reply',
        reasoning: 'Swap them.',
        toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: 'src/app.ts', old_string: 'return a + b;', new_string: 'return b + a;' }) }],
      },
    ],
    user: () => 'wait',
    crashesAt: (message) => message.type === 'turnUpdated' && message.turn.role === 'assistant' && message.turn.toolCalls.some((card) => card.status === 'awaiting-approval'),
    delayMs: 100,
    completeMessages: 1,
    cardsAfterReload: 'rejected',
    resumeCarries: /"role":"tool","tool_call_id":"[^"]+","content":"Not run: the answer was interrupted/,
    saveDelayMs: 1000,
    minRestoredChars: 0,
  },
};

async function crashAndReload(context: SuiteContext, name: string, scenario: CrashScenario): Promise<{ observed: string; failures: string[] }> {
  const checks = new Checks();
  const rig = await openRig(context, name, { session: { streamSaveDelayMs: scenario.saveDelayMs, user: scenario.user } });
  const crashDirectory = join(context.tempRoot, `crash-${Date.now()}-${scenario.completeMessages}`);
  try {
    rig.server.enqueue(...scenario.replies);
    let streamed = '';
    let triggered = false;
    let atCrash: StoredConversation | undefined;
    await rig.session.send('What is in src/app.ts?', {
      onPost: (message, session) => {
        if (message.type === 'assistantDelta' && message.channel === 'text') streamed += message.text;
        if (triggered || !scenario.crashesAt(message, streamed)) return;
        triggered = true;
        setTimeout(async () => {
          // Saves already under way land first (an atomic rename either happened or not); then the crash:
          // memory and disk frozen at one instant (a synchronous copy, no await in between).
          await session.store.flush();
          atCrash = structuredClone(session.conversation);
          cpSync(rig.storeDirectory, crashDirectory, { recursive: true });
          session.stop();
        }, scenario.delayMs);
      },
    });
    context.artifacts.addFolder(name, crashDirectory);
    const id = rig.session.conversation?.id ?? '';
    const quarantined: QuarantinedFile[] = [];
    const options = { ...rig.session.options, storeDirectory: crashDirectory, origin: `${name} (after crash)` };
    const loaded = await new ConversationStore(new NodeConversationFolder(crashDirectory), (file) => quarantined.push(file)).load(id);
    checks.that(loaded !== undefined && quarantined.length === 0, 'the conversation did not reload after the crash');
    const liveTurn = atCrash?.turns.at(-1);
    const restored = (await ChatSession.reopen(options, id))?.conversation?.turns.at(-1);
    if (restored?.role !== 'assistant' || liveTurn?.role !== 'assistant') {
      checks.that(false, 'no assistant turn to restore');
      return checks.result('not restored');
    }
    checks.that(isDeepStrictEqual(restored.messages, liveTurn.messages), 'the restored turn lost complete messages');
    checks.that(liveTurn.messages.length === scenario.completeMessages, `${liveTurn.messages.length} complete messages at the crash, expected ${scenario.completeMessages}`);
    // What reloads is what the disk held at the crash, a prefix of what was streamed, and at least what had time to be saved.
    const savedTurn = loaded?.turns.at(-1);
    checks.that(savedTurn?.role === 'assistant' && savedTurn.text === restored.text, 'the restored text is not the text on disk at the crash');
    checks.that(liveTurn.text.startsWith(restored.text), 'the restored text is not a prefix of what was streamed');
    checks.that(restored.text.length >= scenario.minRestoredChars, `${restored.text.length} streamed chars survived, expected at least ${scenario.minRestoredChars}`);
    checks.that(restored.status === 'stopped' && restored.error?.action === 'retry', `restored as ${restored.status} with ${restored.error?.action}`);
    const cards = restored.toolCards.map((card) => card.status).join();
    checks.that(cards === scenario.cardsAfterReload, `tool cards restored as ${cards}, expected ${scenario.cardsAfterReload}`);

    const verifier = await startFakeKimi({ flavor: rig.server.flavor, apiKey: context.apiKey });
    try {
      const resumed = await ChatSession.reopen({ ...options, server: verifier }, id);
      const next = await resumed?.send('Please go on.');
      const rejected = verifier.requests.filter((request) => request.rejected).map((request) => JSON.stringify(request.rejected?.body));
      checks.that(next?.turn.status === 'done' && rejected.length === 0, `the restored conversation cannot continue: ${rejected.join(' ')}`);
      checks.that(scenario.resumeCarries.test(JSON.stringify(verifier.requests[0]?.body ?? '')), `the next request lacks ${scenario.resumeCarries.source}`);
    } finally {
      await verifier.close();
    }
    checks.that((await fingerprint(rig.workspace)) === rig.workspaceBefore, 'a workspace file changed');
    return checks.result(
      `restored ${restored.messages.length} complete messages, ${restored.text.length} of ${liveTurn.text.length} streamed chars, cards ${cards}, ` +
        `"${restored.error?.message ?? ''}" → ${restored.error?.action}; resumes`,
    );
  } finally {
    await rig.close();
  }
}

function conversation(id: string, title: string): StoredConversation {
  const now = Date.now();
  return {
    version: 1,
    id,
    title,
    createdAt: now,
    updatedAt: now,
    turns: [
      { role: 'user', id: `${id}-u`, text: title, chips: [], images: [], message: { role: 'user', content: title } },
      { role: 'assistant', id: `${id}-a`, messages: [{ role: 'assistant', content: 'Answer.' }], reasoning: '', text: 'Answer.', toolCards: [], status: 'done' },
    ],
  };
}

/** A crash scenario run through crashAndReload under the case's own name. */
function crashCase(name: string, expected: string, scenario: CrashScenario): FaultCase {
  return { name, kind: 'data', expected, run: (context) => crashAndReload(context, name, scenario) };
}

/** A case on a conversation folder of its own: the body damages or reloads it and says how many bytes it lost. */
function storeCase(name: string, expected: string, folderName: string, body: (folder: string, checks: Checks) => Promise<{ observed: string; bytesLost: number }>): FaultCase {
  return checkedCase({ name, kind: 'data', expected }, async (context, checks) => {
    const { observed, bytesLost: lost } = await body(join(context.tempRoot, folderName), checks);
    return checks.result(observed, { bytesLost: lost });
  });
}

export const historySafetyCases: FaultCase[] = [
  crashCase('crash mid-stream, then reload', 'restored to the last complete event (the tool round), marked interrupted with Retry, resumable', crashScenarios.stream),
  crashCase(
    'crash mid-stream after the text was saved, then reload',
    'the streamed text saved before the crash comes back (a prefix of what was shown), marked interrupted with Retry, resumable',
    crashScenarios.streamSaved,
  ),
  crashCase('crash while a change awaits review', 'the call is restored unanswered, its card rejected; the next request gets a "not run" answer and is accepted', crashScenarios.review),
  storeCase('write cut short by a crash', 'the previous version loads; the half-written temp file is ignored', 'torn-write', async (folder, checks) => {
    const first = conversation('torn-1', 'First version');
    await new ConversationStore(new NodeConversationFolder(folder)).save(first);
    const second = JSON.stringify({ ...first, title: 'Second version', turns: [...first.turns, ...first.turns] });
    // What a crash between writeFile and rename leaves: a partial temp file beside the intact original.
    await writeFile(join(folder, `.torn-1.0badc0de.tmp`), second.slice(0, second.length / 2));
    const quarantined: QuarantinedFile[] = [];
    const store = new ConversationStore(new NodeConversationFolder(folder), (file) => quarantined.push(file));
    const listed = await store.list();
    const loaded = await store.load('torn-1');
    checks.that(listed.length === 1 && loaded?.title === 'First version', `listed ${listed.length}, loaded ${loaded?.title}`);
    checks.that(quarantined.length === 0, 'the intact file was quarantined');
    const lost = bytesLost(JSON.stringify(first), JSON.stringify(loaded ?? {}));
    return { observed: `loaded "${loaded?.title}", ${listed.length} listed`, bytesLost: lost };
  }),
  storeCase('damaged history files', '3 damaged files quarantined (kept, not deleted) with a notice; the 2 good ones load; no crash', 'damaged', async (folder, checks) => {
    await mkdir(folder, { recursive: true });
    const writer = new ConversationStore(new NodeConversationFolder(folder));
    for (const id of ['bad-a', 'bad-b', 'good-d', 'good-e']) await writer.save(conversation(id, `Conversation ${id}`));
    const damaged: Record<string, string> = {
      'bad-a': JSON.stringify(conversation('bad-a', 'A')).slice(0, 120),
      'bad-b': JSON.stringify({ ...conversation('bad-b', 'B'), turns: 'not a list' }),
      'bad-c': JSON.stringify(conversation('someone-else', 'C')),
    };
    for (const [id, text] of Object.entries(damaged)) await writeFile(join(folder, `${id}.json`), text);
    const notices: QuarantinedFile[] = [];
    const store = new ConversationStore(new NodeConversationFolder(folder), (file) => notices.push(file));
    const listed = (await store.list()).map((summary) => summary.id).sort();
    const again = (await store.list()).map((summary) => summary.id).sort();
    checks.that(listed.join() === 'good-d,good-e' && again.join() === 'good-d,good-e', `listed ${listed.join()} then ${again.join()}`);
    checks.that(notices.length === 3, `${notices.length} quarantine notices`);
    let lost = 0;
    for (const notice of notices) {
      const id = notice.file.split('/').pop()?.replace(/\.json$/, '') ?? '';
      lost += bytesLost(damaged[id] ?? '', await readFile(notice.movedTo, 'utf8').catch(() => ''));
    }
    const good = await store.load('good-d');
    lost += bytesLost(JSON.stringify(conversation('good-d', 'Conversation good-d').turns), JSON.stringify(good?.turns ?? []));
    const names = await readdir(folder);
    checks.that(names.filter((name) => name.includes('.corrupt-')).length === 3, 'the damaged files were not kept aside');
    return { observed: `listed ${listed.join(', ')}; ${notices.length} quarantined: ${notices.map((notice) => notice.reason.slice(0, 30)).join(' / ')}`, bytesLost: lost };
  }),
];
