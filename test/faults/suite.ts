// The vocabulary of the faults-and-attacks suite: a case says what it expects, runs for real, and reports
// what it observed plus the figures the totals add up (attacks tried, escapes, bytes lost).
import { randomBytes } from 'node:crypto';
import type { ArtifactLog } from './harness/artifacts';

/** A fault the product must survive, a data-safety check, or an attack that must not get through. */
export type CaseKind = 'fault' | 'data' | 'attack';

export interface CaseFigures {
  /** Hostile inputs tried by the case. */
  attacks?: number;
  /** Hostile inputs that got through (a path outside, a smuggled command, a leaked key, an accepted bad message). */
  escapes?: number;
  /** Bytes that should have been kept but were lost or altered. */
  bytesLost?: number;
}

export interface CaseResult extends CaseFigures {
  observed: string;
  /** Empty when the case passed. */
  failures: string[];
}

export interface SuiteContext {
  /** A distinctive fake key: it must never show up in any artifact. */
  apiKey: string;
  /** A fresh folder for the run; every case makes its own subfolder. */
  tempRoot: string;
  artifacts: ArtifactLog;
}

/** The security issue's classes of escape; the runner prints attacks and escapes per class. */
export const securityClasses = {
  settings: '1 workspace settings change security settings',
  allowList: '2 allow-list semantics and shell grammar',
  content: '3 every way of seeing file content takes consent',
  readOnly: '4 read-only tools ask when auto-approve is off',
  redaction: '5 encoded forms of the key are redacted',
  sensitiveWrites: 'also: code-running files are always reviewed',
  restricted: 'also: restricted mode offers no tool that writes or runs',
} as const;
export type SecurityClass = keyof typeof securityClasses;

export interface FaultCase {
  name: string;
  kind: CaseKind;
  securityClass?: SecurityClass;
  expected: string;
  run(context: SuiteContext): Promise<CaseResult>;
}

export function canaryKey(): string {
  return `sk-canary-${randomBytes(12).toString('hex')}`;
}

/** Collects the checks of one case: each failed expectation is kept with its reason, in order. */
export class Checks {
  readonly failures: string[] = [];

  /** Returns the condition, so a case can skip checks that depend on it. */
  that(condition: boolean, failure: string): boolean {
    if (!condition) this.failures.push(failure);
    return condition;
  }

  result(observed: string, figures: CaseFigures = {}): CaseResult {
    return { observed, failures: this.failures, ...figures };
  }
}

/**
 * Counts hostile inputs as they are really tried, and the ones that got through, so a case's figures are
 * what happened, not numbers it declares about itself.
 */
export class AttackLog {
  readonly escaped: string[] = [];
  private tried = 0;

  /** Records one attempt; `escaped` is what was observed (the secret in the output, a file changed, a command run). */
  attempt(label: string, escaped: boolean): void {
    this.tried++;
    if (escaped) this.escaped.push(label);
  }

  figures(): CaseFigures {
    return { attacks: this.tried, escapes: this.escaped.length };
  }

  get count(): number {
    return this.tried;
  }
}

export type CaseMeta = Omit<FaultCase, 'run'>;

/** A case whose body gets the suite's context and a fresh Checks, and returns the result they make. */
export function checkedCase(meta: CaseMeta, body: (context: SuiteContext, checks: Checks) => Promise<CaseResult>): FaultCase {
  return { ...meta, run: (context) => body(context, new Checks()) };
}

/**
 * An attack case: the body tries each hostile input through `log` and returns what it observed. Whatever got
 * through fails the case, and the figures are the log's own counts.
 */
export function attackCase(meta: Omit<CaseMeta, 'kind'>, body: (context: SuiteContext, checks: Checks, log: AttackLog) => Promise<string>): FaultCase {
  return checkedCase({ ...meta, kind: 'attack' }, async (context, checks) => {
    const log = new AttackLog();
    const observed = await body(context, checks, log);
    checks.that(log.escaped.length === 0, `got through: ${log.escaped.slice(0, 6).join('; ')}`);
    return checks.result(observed, log.figures());
  });
}

/** Bytes of `expected` that `actual` does not reproduce: everything outside their common head and tail. */
export function bytesLost(expected: string, actual: string): number {
  if (expected === actual) return 0;
  const left = Buffer.from(expected, 'utf8');
  const right = Buffer.from(actual, 'utf8');
  let head = 0;
  while (head < left.length && head < right.length && left[head] === right[head]) head++;
  let tail = 0;
  while (tail < left.length - head && tail < right.length - head && left[left.length - 1 - tail] === right[right.length - 1 - tail]) tail++;
  // A pure insertion loses nothing; the caller decides separately whether the insertion was wanted.
  return left.length - head - tail;
}

export function clip(text: string, limit = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}
