// The conversation store on a real temp folder (the Node folder of src/node): atomic saves, ordering of concurrent saves, listing,
// deleting, and damaged files moved aside without hiding the healthy ones.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationStore, type QuarantinedFile } from '../../../src/common/conversations/store';
import { NodeConversationFolder } from '../../../src/node/conversationFolder';
import { assistantTurn, conversation, userTurn } from './conversationFixtures';

let directory: string;
let quarantined: QuarantinedFile[];
let store: ConversationStore;

beforeEach(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'kimi-store-'));
  directory = join(parent, 'conversations');
  quarantined = [];
  store = new ConversationStore(new NodeConversationFolder(directory), (file) => quarantined.push(file));
});

afterEach(async () => {
  await store.flush();
  await rm(join(directory, '..'), { recursive: true, force: true });
});

describe('ConversationStore', () => {
  test('saves and loads a conversation unchanged, creating the folder on first write', async () => {
    const original = conversation('c1', {
      turns: [
        userTurn('u1', 'Read this', {
          chips: [{ id: 'chip-1', kind: 'file', label: 'main.ts', tokens: 120 }],
          message: { role: 'user', content: [{ type: 'text', text: 'Read this' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
        }),
        assistantTurn('a1', {
          reasoning: 'thinking',
          reasoningMs: 1200,
          text: 'Done',
          toolCards: [{ id: 'read_file:0', tool: 'read_file', target: 'main.ts', status: 'done', summary: '3 lines' }],
          messages: [
            { role: 'assistant', reasoningContent: 'thinking', toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"main.ts"}' }] },
            { role: 'tool', toolCallId: 'read_file:0', content: '1| x' },
            { role: 'assistant', content: 'Done', reasoningContent: '' },
          ],
          usage: { promptTokens: 100, cachedTokens: 50, completionTokens: 20 },
          cost: { usd: 0.001, estimated: true },
          model: 'kimi-k2.6',
        }),
      ],
    });
    await store.save(original);
    assert.deepEqual(await store.load('c1'), original);
  });

  test('load of a missing conversation is undefined and quarantines nothing', async () => {
    assert.equal(await store.load('nope'), undefined);
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(quarantined, []);
  });

  test('list gives summaries, newest first', async () => {
    await store.save(conversation('old', { updatedAt: 1000, title: 'Old' }));
    await store.save(conversation('new', { updatedAt: 3000, title: 'New' }));
    await store.save(conversation('mid', { updatedAt: 2000, title: 'Mid', turns: [] }));
    assert.deepEqual(await store.list(), [
      { id: 'new', title: 'New', updatedAt: 3000, turnCount: 2 },
      { id: 'mid', title: 'Mid', updatedAt: 2000, turnCount: 0 },
      { id: 'old', title: 'Old', updatedAt: 1000, turnCount: 2 },
    ]);
  });

  test('concurrent saves of one conversation are serialized: the last snapshot wins', async () => {
    const saves = [];
    for (let version = 1; version <= 20; version++) {
      saves.push(store.save(conversation('c1', { title: `version ${version}`, updatedAt: version })));
    }
    await Promise.all(saves);
    assert.equal((await store.load('c1'))?.title, 'version 20');
  });

  test('a load waits for the saves of that conversation already started: it never reads the file they replace', async () => {
    await store.save(conversation('c1', { title: 'old' }));
    for (let version = 1; version <= 5; version++) void store.save(conversation('c1', { title: `new ${version}` }));
    // Not awaited: the history opens the conversation while the end of its turn is still being written.
    assert.equal((await store.load('c1'))?.title, 'new 5');
    assert.equal((await store.list()).find((summary) => summary.id === 'c1')?.title, 'new 5');
  });

  test('a save snapshots the conversation when called, not when written', async () => {
    const live = conversation('c1', { title: 'as saved' });
    const saved = store.save(live);
    live.title = 'changed afterwards';
    await saved;
    assert.equal((await store.load('c1'))?.title, 'as saved');
  });

  test('no temporary files are left behind', async () => {
    await Promise.all([store.save(conversation('a')), store.save(conversation('b')), store.save(conversation('a', { title: 'again' }))]);
    await store.flush();
    assert.deepEqual((await readdir(directory)).sort(), ['a.json', 'b.json']);
  });

  test('delete removes the file, waits for a pending save, and ignores missing ids', async () => {
    const pending = store.save(conversation('c1'));
    await store.delete('c1');
    await pending;
    assert.equal(await store.load('c1'), undefined);
    await store.delete('never-existed');
    assert.deepEqual(await readdir(directory), []);
  });

  test('unsafe ids are refused on every operation', async () => {
    await store.save(conversation('safe'));
    for (const unsafe of ['../x', '..', 'a/b', 'a\\b', '', 'x'.repeat(65), 'c1.json', '.hidden']) {
      await assert.rejects(store.save(conversation(unsafe)), /Unsafe conversation id/, `save(${JSON.stringify(unsafe)})`);
      assert.equal(await store.load(unsafe), undefined);
      await store.delete(unsafe);
    }
    assert.deepEqual(await readdir(join(directory, '..')), ['conversations']);
    assert.deepEqual(await readdir(directory), ['safe.json']);
  });

  for (const [name, content, reason] of [
    ['bad JSON', '{"version": 1, "id": "broken", ', /JSON/],
    ['the wrong schema', JSON.stringify({ version: 2, id: 'broken', title: 'x', createdAt: 0, updatedAt: 0, turns: [] }), /./],
    ['a turn of the wrong shape', JSON.stringify({ ...conversation('broken'), turns: [{ role: 'robot' }] }), /./],
    ['an id that does not match the file name', JSON.stringify(conversation('someone-else')), /id does not match/],
  ] as const) {
    test(`a file with ${name} is quarantined and the others still list`, async () => {
      await store.save(conversation('healthy'));
      await writeFile(join(directory, 'broken.json'), content);
      const listed = await store.list();
      assert.deepEqual(
        listed.map((summary) => summary.id),
        ['healthy'],
      );
      assert.equal(quarantined.length, 1);
      const [moved] = quarantined;
      assert.equal(moved?.file, join(directory, 'broken.json'));
      assert.match(moved?.movedTo ?? '', /broken\.json\.corrupt-\d+/);
      assert.match(moved?.reason ?? '', reason);
      const files = await readdir(directory);
      assert.ok(!files.includes('broken.json'));
      assert.ok(files.some((file) => file.startsWith('broken.json.corrupt-')));
      // The damaged content is kept for inspection, not deleted.
      assert.equal(await readFile(moved?.movedTo ?? '', 'utf8'), content);
      // Listing again finds nothing new to quarantine.
      await store.list();
      assert.equal(quarantined.length, 1);
    });
  }

  test('two damaged versions of one conversation are both kept', async () => {
    await store.save(conversation('c1'));
    await writeFile(join(directory, 'c1.json'), 'not json 1');
    await store.load('c1');
    await writeFile(join(directory, 'c1.json'), 'not json 2');
    await store.load('c1');
    const corrupt = (await readdir(directory)).filter((file) => file.includes('.corrupt-'));
    assert.equal(corrupt.length, 2);
  });

  test('an unreadable folder lists as empty', async () => {
    const missing = new ConversationStore(new NodeConversationFolder(join(directory, 'does', 'not', 'exist')));
    assert.deepEqual(await missing.list(), []);
  });

  test('newId gives distinct ids the store accepts', async () => {
    const ids = new Set(Array.from({ length: 50 }, () => ConversationStore.newId()));
    assert.equal(ids.size, 50);
    const [id] = ids;
    await store.save(conversation(id as string));
    assert.equal((await store.load(id as string))?.id, id);
  });
});
