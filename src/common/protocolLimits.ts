// The protocol's plain values: the limits that bound every message, the image types an attachment may have, and
// the one link check both sides share. Without zod, so the chat webview's first script can use them (the schemas
// that apply them are in protocolViews.ts and protocol.ts, which re-export all of this).

/** Limits that keep a hostile or buggy peer from pushing unbounded data across the boundary. */
export const protocolLimits = {
  idChars: 100,
  textChars: 1_048_576,
  titleChars: 200,
  labelChars: 500,
  urlChars: 8_192,
  imageBytes: 5 * 1024 * 1024,
  /** A base64 data URL of `imageBytes` bytes, plus room for its `data:<mime>;base64,` prefix. */
  imageDataUrlChars: Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64,
  imagesPerMessage: 10,
  chipsPerMessage: 100,
  toolCardsPerTurn: 1_000,
  turnsPerConversation: 10_000,
  historyItems: 5_000,
  models: 50,
  mentionResults: 200,
  slashCommands: 200,
  promptArguments: 20,
  pendingChanges: 500,
  subagentsPerTurn: 100,
  backgroundProcesses: 200,
} as const;

export const imageMimeTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMimeType = (typeof imageMimeTypes)[number];

/** True for the only links the host may open: absolute http(s) URLs. */
export function isOpenableExternalUrl(url: string): boolean {
  if (url.length > protocolLimits.urlChars) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
