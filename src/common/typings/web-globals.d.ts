// The web-platform globals src/common may use: the ones Node 20, browsers and every VS Code extension host
// provide alike. Only src/common/tsconfig.json reads this file (the other layers get the real ones from
// the DOM lib or @types/node); it declares just the members the layer uses, so reaching for anything else
// (a Node or DOM-only API) is a type error here first.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  any(signals: Iterable<AbortSignal>): AbortSignal;
  abort(reason?: unknown): AbortSignal;
  timeout(milliseconds: number): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

/** Opaque: a Node `Timeout` or a browser's number, depending on where the code runs. */
interface TimerHandle {
  readonly __timerHandle: never;
}
declare function setTimeout(callback: () => void, milliseconds?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;

declare var performance: { now(): number };
declare var crypto: { randomUUID(): string };
declare var console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare class URL {
  constructor(url: string, base?: string | URL);
  readonly origin: string;
  href: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  toString(): string;
}

// fetch, as far as the Kimi client's error-body capture uses it.
declare class Headers {
  constructor(init?: Headers | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  has(name: string): boolean;
}
interface RequestInit {
  method?: string;
  headers?: Headers | Record<string, string> | [string, string][];
  body?: unknown;
  signal?: AbortSignal | null;
}
declare class Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
}
interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: Headers | Record<string, string> | [string, string][];
}
declare class Response {
  constructor(body?: string | null, init?: ResponseInit);
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  text(): Promise<string>;
  json(): Promise<unknown>;
}
declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
/** Base64 to a binary string (every host has it: browsers, Node 16+). */
declare function atob(data: string): string;
