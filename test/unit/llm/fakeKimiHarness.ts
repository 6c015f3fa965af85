// Shared set-up for the client tests that run against the fake Kimi server: a client wired to it,
// an instant retry clock that records the waits, and event helpers.
import { after, before } from 'node:test';
import { startFakeKimi, type FakeKimi, type Flavor } from '../../fixtures/fake-kimi/server';
import { KimiClient, type KimiClientConfig } from '../../../src/common/llm/kimiClient';
import type { RetryClock } from '../../../src/common/llm/retryPolicy';
import type { StreamEvent } from '../../../src/common/llm/types';

export const TEST_KEY = 'test-key';

/** Resolves sleeps at once (or at abort) and records what the client asked to wait. */
export function recordingClock(): RetryClock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => Date.now(), sleep: async (ms) => void waits.push(ms) };
}

export interface Harness {
  fake: FakeKimi;
  client: KimiClient;
  clock: RetryClock & { waits: number[] };
  logs: string[];
}

/** A client of the fake server with the test key (its provider matches the server's flavour unless `config` says). */
export function clientOf(fake: FakeKimi, config: Partial<KimiClientConfig> = {}): KimiClient {
  return new KimiClient({
    provider: fake.flavor === 'moonshot' ? 'moonshot' : 'aimlapi',
    baseUrl: fake.url,
    apiKey: TEST_KEY,
    thinking: true,
    maxOutputTokens: 4096,
    ...config,
  });
}

/** The client of the multi-round tests: thinking on, a large output budget, no retry (a rejected request fails the test). */
export function strictClientOf(fake: FakeKimi): KimiClient {
  return clientOf(fake, { maxOutputTokens: 8192, maxAttempts: 1 });
}

/** Runs `body` against a fresh fake server of `flavor` (seeded, so its chunking repeats) and its strict client; the server is always closed. */
export async function withFakeServer(flavor: Flavor, seed: number, body: (fake: FakeKimi, client: KimiClient) => Promise<void>): Promise<void> {
  const fake = await startFakeKimi({ flavor, seed });
  try {
    await body(fake, strictClientOf(fake));
  } finally {
    await fake.close();
  }
}

export async function startHarness(flavor: Flavor, config: Partial<KimiClientConfig> = {}): Promise<Harness> {
  const fake = await startFakeKimi({ flavor });
  const clock = recordingClock();
  const logs: string[] = [];
  const client = clientOf(fake, { log: (line) => logs.push(line), retry: { clock, random: () => 0.5 }, ...config });
  return { fake, client, clock, logs };
}

/** A test's view of a suite's harness: the waits earlier tests recorded are forgotten; `before` counts the requests so far. */
export function freshTest(harness: Harness): Harness & { before: number } {
  harness.clock.waits.length = 0;
  return { ...harness, before: harness.fake.requests.length };
}

/** A harness for the calling suite: started before its tests, its server closed after them. */
export function harnessForSuite(flavor: Flavor, config: Partial<KimiClientConfig> = {}): Harness {
  const harness = {} as Harness;
  before(async () => {
    Object.assign(harness, await startHarness(flavor, config));
  });
  after(() => harness.fake.close());
  return harness;
}

export async function collectEvents(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export function eventsOfType<T extends StreamEvent['type']>(events: StreamEvent[], type: T): Extract<StreamEvent, { type: T }>[] {
  return events.filter((event): event is Extract<StreamEvent, { type: T }> => event.type === type);
}
