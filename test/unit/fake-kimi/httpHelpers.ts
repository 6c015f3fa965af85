// Raw-HTTP helpers for the fake server's tests: plain fetch and a minimal SSE reader, so the
// tests check the wire format itself and not the product's client.
import { after, before } from 'node:test';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';

export type Json = Record<string, unknown>;

/** One fake server of each flavour for the calling suite: started before its tests, closed after them. */
export function fakeServersForSuite(): { aimlapi: FakeKimi; moonshot: FakeKimi } {
  const servers = {} as { aimlapi: FakeKimi; moonshot: FakeKimi };
  before(async () => {
    servers.aimlapi = await startFakeKimi();
    servers.moonshot = await startFakeKimi({ flavor: 'moonshot' });
  });
  after(async () => {
    await servers.aimlapi.close();
    await servers.moonshot.close();
  });
  return servers;
}

export function userTurn(text: string): Json {
  return { role: 'user', content: text };
}

export function chatBody(overrides: Json = {}, model = 'moonshot/kimi-k2-6'): Json {
  return { model, messages: [userTurn('Hello there')], ...overrides };
}

export async function postChat(server: FakeKimi, body: unknown, key: string | null = server.apiKey): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ParsedStream {
  /** Parsed `data:` payloads, [DONE] excluded. */
  chunks: Json[];
  /** `data:` payloads that were not JSON. */
  malformed: string[];
  sawDone: boolean;
  raw: string;
}

export function parseSse(raw: string): ParsedStream {
  const parsed: ParsedStream = { chunks: [], malformed: [], sawDone: false, raw };
  for (const event of raw.split('\n\n')) {
    if (!event.startsWith('data: ')) continue;
    const payload = event.slice('data: '.length);
    if (payload === '[DONE]') parsed.sawDone = true;
    else {
      try {
        parsed.chunks.push(JSON.parse(payload) as Json);
      } catch {
        parsed.malformed.push(payload);
      }
    }
  }
  return parsed;
}

export async function streamChat(server: FakeKimi, body: Json): Promise<ParsedStream> {
  const response = await postChat(server, { ...body, stream: true });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  return parseSse(await response.text());
}

export function deltaOf(chunk: Json): Json {
  const choices = chunk.choices as Json[];
  return choices[0].delta as Json;
}

export function finishChunk(stream: ParsedStream): Json {
  const finish = stream.chunks.find((chunk) => (chunk.choices as Json[])[0]?.finish_reason);
  if (!finish) throw new Error('no finish chunk');
  return finish;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export function toolCallDeltas(stream: ParsedStream): ToolCallDelta[] {
  return stream.chunks.flatMap((chunk) => {
    const choices = chunk.choices as Json[];
    const delta = choices[0]?.delta as Json | undefined;
    return (delta?.tool_calls as ToolCallDelta[] | undefined) ?? [];
  });
}

/** Reassembles streamed tool calls by index, the way a careful client must. */
export function assembleToolCalls(stream: ParsedStream): { id?: string; name?: string; arguments: string }[] {
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  for (const delta of toolCallDeltas(stream)) {
    calls[delta.index] ??= { arguments: '' };
    const call = calls[delta.index];
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name = delta.function.name;
    call.arguments += delta.function?.arguments ?? '';
  }
  return calls;
}

export function joinedDeltas(stream: ParsedStream, field: 'content' | 'reasoning_content'): string {
  return stream.chunks.map((chunk) => {
    const choices = chunk.choices as Json[];
    const delta = choices[0]?.delta as Json | undefined;
    return typeof delta?.[field] === 'string' ? (delta[field] as string) : '';
  }).join('');
}

/** A valid assistant tool-call turn followed by its answer. */
export function toolRoundTrip(reasoning: string | undefined, id = 'functions.read_file:0'): Json[] {
  const assistant: Json = {
    role: 'assistant',
    tool_calls: [{ id, type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
  };
  if (reasoning !== undefined) assistant.reasoning_content = reasoning;
  return [userTurn('Read a.ts'), assistant, { role: 'tool', tool_call_id: id, content: 'line 1' }];
}
