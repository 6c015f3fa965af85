// Catches Kimi's raw tool-call markup leaking into `content` (seen on some hosts) before it is shown,
// including a marker split across two chunks: a tail that could start a marker is held back.

export const TOOL_CALL_MARKERS = [
  '<|tool_calls_section_begin|>',
  '<|tool_calls_section_end|>',
  '<|tool_call_begin|>',
  '<|tool_call_argument_begin|>',
  '<|tool_call_end|>',
] as const;

export class ToolMarkupGuard {
  private pending = '';
  private leakedText: string | undefined;

  /** True once a marker was seen; everything from the marker on is withheld. */
  get leaked(): boolean {
    return this.leakedText !== undefined;
  }

  /** The withheld markup, for the error detail. */
  get leakedMarkup(): string {
    return this.leakedText ?? '';
  }

  /** Returns the text that is safe to show now. */
  push(text: string): string {
    if (this.leakedText !== undefined) {
      this.leakedText += text;
      return '';
    }
    const combined = this.pending + text;
    // Fast path: no marker can start in this text.
    if (!combined.includes('<|') && !combined.endsWith('<')) {
      this.pending = '';
      return combined;
    }
    const markerAt = firstMarkerIndex(combined);
    if (markerAt >= 0) {
      this.leakedText = combined.slice(markerAt);
      this.pending = '';
      return combined.slice(0, markerAt);
    }
    const holdFrom = partialMarkerStart(combined);
    this.pending = combined.slice(holdFrom);
    return combined.slice(0, holdFrom);
  }

  /** At the end of the stream a held-back tail that never became a marker is ordinary text. */
  flush(): string {
    const rest = this.leakedText === undefined ? this.pending : '';
    this.pending = '';
    return rest;
  }
}

function firstMarkerIndex(text: string): number {
  let first = -1;
  for (const marker of TOOL_CALL_MARKERS) {
    const at = text.indexOf(marker);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

/** Where a suffix that is a proper prefix of some marker begins (text.length when none). */
function partialMarkerStart(text: string): number {
  const longest = Math.max(...TOOL_CALL_MARKERS.map((marker) => marker.length));
  for (let start = Math.max(0, text.length - longest + 1); start < text.length; start++) {
    if (text[start] !== '<') continue;
    const tail = text.slice(start);
    if (TOOL_CALL_MARKERS.some((marker) => marker.startsWith(tail))) return start;
  }
  return text.length;
}
