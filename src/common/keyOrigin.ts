// "A key is only ever sent to the origin it was stored for." Each stored API key carries the origin
// (scheme://host:port) of the endpoint it was set for; a request to any other origin gets no key and is not
// sent. Pure logic, so the rule is unit-tested without VS Code.
import { providerPresets } from './models';
import { type ProviderId } from './settings';
import { endpointBaseUrl, originOf } from './workspaceSettings';

export type KeySource = 'secretStorage' | 'environment';

/** A key and the origin it may be sent to. */
export interface BoundKey {
  key: string;
  /** `https://api.aimlapi.com`; undefined when the key is bound to no usable endpoint (never sent). */
  origin: string | undefined;
}

/** What SecretStorage holds from this version on. Earlier versions stored the bare key. */
interface StoredKeyV2 {
  v: 2;
  key: string;
  origin: string;
}

export function encodeStoredKey(key: string, origin: string): string {
  const stored: StoredKeyV2 = { v: 2, key, origin };
  return JSON.stringify(stored);
}

/**
 * Reads a stored secret. A bare string (stored by an earlier version) is bound to `legacyOrigin`: the
 * provider preset's own origin, or for `custom` the origin of the user-level base URL.
 */
export function decodeStoredKey(raw: string | undefined, legacyOrigin: string | undefined): (BoundKey & { legacy: boolean }) | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Partial<StoredKeyV2>;
      if (parsed.v === 2 && typeof parsed.key === 'string' && parsed.key.trim() && typeof parsed.origin === 'string') {
        return { key: parsed.key.trim(), origin: parsed.origin, legacy: false };
      }
    } catch {
      // Not ours: treat it as a bare key below.
    }
  }
  return { key: text, origin: legacyOrigin, legacy: true };
}

export type KeyLookup =
  | { status: 'found'; key: string; source: KeySource; origin: string }
  /** Keys exist for the provider, none for this origin: nothing may be sent. */
  | { status: 'otherOrigin'; storedFor: string | undefined; requestedFor: string | undefined; source: KeySource }
  | { status: 'none' };

/**
 * The key for a request to `origin`: the stored key when it was stored for that origin, else the
 * environment's when the user-level endpoint has that origin. A key bound elsewhere is reported, never used.
 */
export function chooseKey(origin: string | undefined, stored: BoundKey | undefined, environment: BoundKey | undefined): KeyLookup {
  if (origin) {
    if (stored && stored.origin === origin) return { status: 'found', key: stored.key, source: 'secretStorage', origin };
    if (environment && environment.origin === origin) return { status: 'found', key: environment.key, source: 'environment', origin };
  }
  if (stored) return { status: 'otherOrigin', storedFor: stored.origin, requestedFor: origin, source: 'secretStorage' };
  if (environment) return { status: 'otherOrigin', storedFor: environment.origin, requestedFor: origin, source: 'environment' };
  return { status: 'none' };
}

/** The sentence the chat and Test Connection show when the key belongs to another host; it names both. */
export function keyOriginMismatchMessage(providerLabel: string, lookup: Extract<KeyLookup, { status: 'otherOrigin' }>): string {
  const storedFor = lookup.storedFor ?? 'no endpoint';
  const requestedFor = lookup.requestedFor ?? '(no valid endpoint)';
  const what = lookup.source === 'environment' ? `The key for ${providerLabel} from the environment belongs to` : `Your key for ${providerLabel} was stored for`;
  return (
    `${what} ${storedFor}, but this request would go to ${requestedFor}, so nothing was sent. ` +
    `A key is only sent to the host it was set for: run "Kimi: Set API Key" to set one for ${requestedFor} if you trust it.`
  );
}

/**
 * The origin a key stored by an earlier version (a bare string) is bound to: the preset's own origin, or for
 * `custom` the origin of the user-level base URL (undefined while there is none: such a key is not sent).
 */
export function legacyKeyOrigin(provider: ProviderId, userBaseUrl: string): string | undefined {
  return provider === 'custom' ? originOf(userBaseUrl) : originOf(providerPresets[provider].baseUrl);
}

/**
 * The origin an environment-variable key is bound to: the user-level endpoint (the user's base URL, else the
 * preset's), never one a workspace chose.
 */
export function environmentKeyOrigin(provider: ProviderId, userBaseUrl: string): string | undefined {
  return originOf(endpointBaseUrl(provider, userBaseUrl));
}
