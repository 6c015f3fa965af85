// Variables in MCP configurations, and the rule that keeps secrets out of project files. `${env:NAME}` comes
// from an injected environment, `${input:ID}` from an injected async lookup (SecretStorage in VS Code, asked
// once), `${workspaceFolder}` from the host. A project file may name a secret only by reference: a literal
// value under a secret-looking key, or anything shaped like a token, is refused with the reason.

const REFERENCE = /\$\{([^}]*)\}/g;

export type Reference = { kind: 'env'; name: string } | { kind: 'input'; id: string } | { kind: 'workspaceFolder' };

/** The references in a value, or the first variable we do not support (e.g. `${command:x}`). */
export function findReferences(value: string): { ok: true; references: Reference[] } | { ok: false; unsupported: string } {
  const references: Reference[] = [];
  for (const match of value.matchAll(REFERENCE)) {
    const body = match[1]!.trim();
    const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(body);
    const input = /^input:([A-Za-z0-9_.-]+)$/.exec(body);
    if (env) references.push({ kind: 'env', name: env[1]! });
    else if (input) references.push({ kind: 'input', id: input[1]! });
    else if (body === 'workspaceFolder') references.push({ kind: 'workspaceFolder' });
    else return { ok: false, unsupported: match[0] };
  }
  return { ok: true, references };
}

/** Words that make a key name a secret's name: `GITHUB_TOKEN`, `X-API-Key`, `Authorization`, `dbPassword`. */
const SECRET_WORDS = new Set([
  'token', 'tokens', 'key', 'keys', 'apikey', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'passphrase',
  'authorization', 'auth', 'credential', 'credentials', 'cookie', 'pat', 'bearer',
]);

export function looksSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => SECRET_WORDS.has(word)) || /token|secret|passw|apikey/i.test(key);
}

/** Values shaped like a credential whatever their key: provider key prefixes, JWTs, private keys. */
const TOKEN_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{16,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bAIza[0-9A-Za-z_-]{30,}/,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPES.some((shape) => shape.test(value));
}

/**
 * True when a value under a secret-looking key carries no literal secret: only references, optionally after an
 * auth scheme word (`Bearer ${input:token}`), or a plainly non-secret literal (empty, a number, true/false).
 */
export function isReferenceOnly(value: string): boolean {
  const literal = value.replace(REFERENCE, '').trim();
  if (literal === '') return true;
  const hadReference = literal.length !== value.trim().length;
  if (hadReference) return /^(?:bearer|basic|token|bot)$/i.test(literal);
  return /^(?:-?\d+(?:\.\d+)?|true|false)$/i.test(literal);
}

/** What a project-level value is refused for, or undefined when it may stay in the file. */
export function literalSecretProblem(key: string, value: string): string | undefined {
  if (looksLikeToken(value.replace(REFERENCE, ''))) return 'holds what looks like a token or key';
  if (looksSecretKey(key) && !isReferenceOnly(value)) return 'holds a literal value under a name that looks secret';
  return undefined;
}

/** Secrets in arguments: `--token=abc`, `--api-key abc`, or a token-shaped word. */
export function argumentSecretProblem(args: readonly string[]): { index: number; problem: string } | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (looksLikeToken(arg.replace(REFERENCE, ''))) return { index, problem: 'holds what looks like a token or key' };
    const assigned = /^--?([A-Za-z0-9_.-]+)=(.*)$/s.exec(arg);
    if (assigned && looksSecretKey(assigned[1]!) && !isReferenceOnly(assigned[2]!)) {
      return { index, problem: `passes a literal value to ${JSON.stringify(`--${assigned[1]}`)}` };
    }
    const flag = /^--?([A-Za-z0-9_.-]+)$/.exec(arg);
    const next = args[index + 1];
    if (flag && next !== undefined && !next.startsWith('-') && looksSecretKey(flag[1]!) && !isReferenceOnly(next)) {
      return { index: index + 1, problem: `passes a literal value to ${JSON.stringify(arg)}` };
    }
  }
  return undefined;
}

/** Secrets in a URL: a password in the user-info part, or a secret-named query parameter with a literal value. */
export function urlSecretProblem(url: string): string | undefined {
  const withoutReferences = url.replace(REFERENCE, 'REF');
  if (looksLikeToken(url.replace(REFERENCE, ''))) return 'holds what looks like a token or key';
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@?#]*)@/i.exec(withoutReferences);
  if (userInfo && userInfo[1]!.includes(':') && !/:REF$/.test(userInfo[1]!)) return 'holds a password in the address';
  const query = url.split('?')[1]?.split('#')[0] ?? '';
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    if (value && looksSecretKey(decodeURIComponentSafe(name)) && !isReferenceOnly(decodeURIComponentSafe(value))) {
      return `passes a literal value in the query parameter ${JSON.stringify(name)}`;
    }
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface ReferenceContext {
  /** The environment `${env:NAME}` reads (the extension host's, or a test's). */
  env: Readonly<Record<string, string | undefined>>;
  /** Looks up `${input:ID}`; undefined when the user has not given it (or declined). */
  input(id: string): Promise<string | undefined>;
  /** The folder `${workspaceFolder}` stands for; a reference to it fails without one. */
  workspaceFolder?: string;
}

export type Substitution = { ok: true; value: string; secrets: string[] } | { ok: false; reason: string };

/**
 * Replaces every reference in a value. `secrets` lists what env and input references put in, so logs can be
 * redacted of them. A missing value is a failure with its reason, never an empty string.
 */
export async function substitute(value: string, context: ReferenceContext, where: string): Promise<Substitution> {
  const found = findReferences(value);
  if (!found.ok) return { ok: false, reason: `${where} uses ${found.unsupported}, which is not supported (use \${env:NAME}, \${input:ID} or \${workspaceFolder})` };
  if (found.references.length === 0) return { ok: true, value, secrets: [] };
  const secrets: string[] = [];
  let result = '';
  let last = 0;
  for (const match of value.matchAll(REFERENCE)) {
    result += value.slice(last, match.index);
    last = match.index + match[0].length;
    const reference = findReferences(match[0]);
    const ref = reference.ok ? reference.references[0] : undefined;
    if (!ref) return { ok: false, reason: `${where}: unreadable reference ${match[0]}` };
    if (ref.kind === 'workspaceFolder') {
      if (context.workspaceFolder === undefined) return { ok: false, reason: `${where} uses \${workspaceFolder}, but no folder is open` };
      result += context.workspaceFolder;
    } else if (ref.kind === 'env') {
      const envValue = context.env[ref.name];
      if (envValue === undefined) return { ok: false, reason: `${where} needs the environment variable ${ref.name}, which is not set` };
      if (envValue) secrets.push(envValue);
      result += envValue;
    } else {
      const inputValue = await context.input(ref.id);
      if (inputValue === undefined) return { ok: false, reason: `${where} needs the input "${ref.id}", which has not been given` };
      if (inputValue) secrets.push(inputValue);
      result += inputValue;
    }
  }
  return { ok: true, value: result + value.slice(last), secrets };
}
