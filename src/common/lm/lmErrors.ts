// Which of VS Code's LanguageModelError codes a Kimi failure is, so a calling extension can tell a missing or
// rejected key from a spent quota or an unknown model; the message stays our sentence.
import type { KimiError } from '../llm/types';

/** `LanguageModelError` codes (`Unknown` is the constructor's default), plus cancellation, which VS Code models apart. */
export type LmErrorKind = 'NoPermissions' | 'Blocked' | 'NotFound' | 'Unknown' | 'Cancelled';

export function lmErrorKind(error: KimiError): LmErrorKind {
  switch (error.category) {
    case 'auth':
    case 'noKey':
      return 'NoPermissions';
    case 'quota':
    case 'rateLimited':
    case 'overloaded':
      return 'Blocked';
    case 'cancelled':
      return 'Cancelled';
    default:
      return error.status === 404 ? 'NotFound' : 'Unknown';
  }
}

