// One message per kind of failure, not one per keystroke: while the user types, every pause could fail the
// same way (a bad key, a rate limit). A kind is shown again only after a completion has worked since.
import type { ErrorCategory, KimiError } from '../llm/types';

/** Failures the user need not hear about from ghost text: they stopped it, or the next pause will do. */
const silent = new Set<ErrorCategory>(['cancelled']);

export class ErrorNotices {
  private readonly shown = new Set<ErrorCategory>();

  /** Whether this error should reach the user now; notes it as shown. */
  shouldShow(error: KimiError): boolean {
    if (silent.has(error.category) || this.shown.has(error.category)) return false;
    this.shown.add(error.category);
    return true;
  }

  /** A request worked, or the settings or key changed: the next failure deserves a message again. */
  reset(): void {
    this.shown.clear();
  }
}
