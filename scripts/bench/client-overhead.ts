// Benchmark: what the Kimi client (SDK SSE parsing + StreamAssembler + events) costs on top of simply
// reading the same SSE bytes. Streams 10,000 chunks from the fake server both ways, 5 runs each.
// A third line, the bare SDK stream, shows how much of the overhead is the SDK's own parsing.
// Run: npx tsx scripts/bench/client-overhead.ts
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { startFakeKimi } from '../../test/fixtures/fake-kimi/server';
import { KimiClient } from '../../src/common/llm/kimiClient';
import { loadOpenAiSdk } from '../../src/common/llm/openaiSdk';
import { buildChatRequest } from '../../src/common/llm/requestBuilder';
import { resolveModelProfile } from '../../src/common/models';
import { median, report } from './measure';

const CHUNKS = 10_000;
const RUNS = 5;
const API_KEY = 'bench-key';
const messages = [{ role: 'user' as const, content: 'stream a long answer' }];
// One character per content delta: the role chunk and the finish chunk make up the rest.
const reply = { kind: 'reply' as const, content: 'x'.repeat(CHUNKS - 2), chunkSize: 1, usage: { prompt_tokens: 10, completion_tokens: CHUNKS } };

async function main(): Promise<void> {
  const fake = await startFakeKimi({ flavor: 'aimlapi', apiKey: API_KEY });
  fake.setFallback(() => reply);
  try {
    const client = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: API_KEY, thinking: true, maxOutputTokens: 32768, maxAttempts: 1 });
    const built = buildChatRequest(resolveModelProfile('aimlapi'), { thinking: true, maxOutputTokens: 32768 }, { messages }, { stream: true });
    if (!built.ok) throw new Error(built.error.message);
    const rawBody = JSON.stringify(built.request.body);

    const viaClient = async (): Promise<number> => {
      const started = performance.now();
      let text = 0;
      for await (const event of client.stream({ messages })) {
        if (event.type === 'text') text += event.text.length;
        if (event.type === 'error') throw new Error(event.error.message);
      }
      if (text !== CHUNKS - 2) throw new Error(`client saw ${text} characters`);
      return performance.now() - started;
    };
    const viaRawFetch = async (): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${fake.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: rawBody,
      });
      if (!response.body) throw new Error(`no body (status ${response.status})`);
      let bytes = 0;
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
      if (response.status !== 200 || bytes < CHUNKS * 20) throw new Error(`raw read got status ${response.status}, ${bytes} bytes`);
      return performance.now() - started;
    };

    // The SDK module the client loads: under tsx a static `import 'openai'` would load a second copy of it
    // (its CommonJS build beside the ESM one the client's import() gets), which the shipped bundle never has.
    const { default: OpenAI } = await loadOpenAiSdk();
    const sdk = new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 });
    const viaBareSdk = async (): Promise<number> => {
      const started = performance.now();
      const stream = await sdk.chat.completions.create(built.request.body as unknown as ChatCompletionCreateParamsStreaming);
      let chunks = 0;
      for await (const chunk of stream) chunks += chunk.choices.length > 0 ? 1 : 0;
      if (chunks !== CHUNKS) throw new Error(`bare SDK saw ${chunks} chunks`);
      return performance.now() - started;
    };

    const measurements = [viaClient, viaRawFetch, viaBareSdk];
    // Warm-up: the first runs are dominated by JIT compilation.
    for (let warmup = 0; warmup < 2; warmup++) for (const measure of measurements) await measure();
    const clientTimes: number[] = [];
    const rawTimes: number[] = [];
    const sdkTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      clientTimes.push(await viaClient());
      rawTimes.push(await viaRawFetch());
      sdkTimes.push(await viaBareSdk());
    }
    const clientMedian = median(clientTimes);
    const rawMedian = median(rawTimes);
    report('client_overhead_ratio', clientMedian / rawMedian, 'x', RUNS, 3);
    report('client_stream_10k_chunks_ms', clientMedian, 'ms', RUNS);
    report('raw_read_10k_chunks_ms', rawMedian, 'ms', RUNS);
    report('bare_sdk_stream_10k_chunks_ms', median(sdkTimes), 'ms', RUNS);
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
