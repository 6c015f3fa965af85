// Refuses full-file writes that are not really full files: "// ... rest of the code" style placeholders
// that would silently delete everything they stand for, and drastic shrinks of existing files.
import { isBlank } from './lines';

export interface PlaceholderMarker {
  /** 1-based. */
  line: number;
  text: string;
  /** 'strong': a phrase such as "rest of the code"; 'weak': a bare "..." that only counts when the file also shrinks a lot. */
  strength: 'strong' | 'weak';
}

export type WriteGuardResult =
  | { ok: true }
  | { ok: false; reason: 'placeholder' | 'truncated'; markers: PlaceholderMarker[]; message: string };

export interface WriteGuardOptions {
  /** The file's current text, when it exists. */
  existingContent?: string;
  /** Workspace-relative path; its extension decides which comment forms count. */
  path?: string;
}

const SHRINK_MIN_EXISTING_LINES = 10;
const SHRINK_RATIO = 0.5;
const MARKERS_QUOTED = 3;

const OBJECTS =
  '(?:code|file|file contents?|implementation|class|function|functions|methods?|component|module|contents?|tests?|logic|body|script|styles?|config(?:uration)?|properties|cases|imports?|exports?|routes?|handlers?|fields?|members?|helpers?|components|lines|definitions|declarations|types|interfaces|functionality|document|page|sections?|text)';
const TAIL =
  '\\s+(?:here|goes here|go here|remains?(?: the same| unchanged| as is)?|stays?(?: the same| unchanged)?|(?:is |are )?unchanged|(?:omitted |elided )?for brevity|omitted|elided|as before|same as before|from before|not shown|not changed)';
const TAILS = `(?:${TAIL})?`;
const STRONG_PHRASES: readonly RegExp[] = [
  new RegExp(`^(?:the )?rest of (?:the |this |your )?${OBJECTS}${TAILS}$`),
  new RegExp(`^(?:all )?(?:the )?(?:existing|remaining|unchanged)(?: [a-z]+){0,2} ${OBJECTS}${TAILS}$`),
  // "// Other methods" can be an ordinary section comment; "// other methods unchanged" cannot.
  new RegExp(`^(?:all )?(?:the )?(?:previous|original|other|same|old|more)(?: [a-z]+){0,2} ${OBJECTS}${TAIL}$`),
  new RegExp(`^(?:keep|keeping|retain) (?:the |all )?(?:existing|remaining|other|original|previous|rest of (?:the )?) ?${OBJECTS}(?: as is| unchanged| the same)?$`),
  /^(?:code|implementation|everything else|the rest|rest|remainder)(?: of [a-z ]+)? (?:remains|stays|is|are) (?:the same|unchanged|as (?:is|before))$/,
  new RegExp(`^${OBJECTS} (?:omitted|elided|truncated|snipped|not shown)(?: for brevity)?$`),
];
// Short phrases that are only placeholders when wrapped in an ellipsis or brackets: "// ... (unchanged)".
const WRAPPED_PHRASES = new RegExp(`^(?:(?:all )?(?:the )?(?:previous|original|other|same|old|more)(?: [a-z]+){0,2} ${OBJECTS}|unchanged|no changes?|same as before|as before|omitted(?: for brevity)?|truncated|snip(?:ped)?|etc|and so on|the rest|rest|remainder)$`);

const PROSE_EXTENSIONS = /\.(?:md|markdown|mdx|txt|rst|adoc)$/i;
const ELLIPSIS_STATEMENT_EXTENSIONS = /\.(?:py|pyi|pyw)$/i;

export function checkFullFileWrite(proposedContent: string, options: WriteGuardOptions = {}): WriteGuardResult {
  const prose = options.path !== undefined && PROSE_EXTENSIONS.test(options.path);
  const ellipsisIsCode = options.path !== undefined && ELLIPSIS_STATEMENT_EXTENSIONS.test(options.path);
  const markers = findPlaceholderMarkers(proposedContent, prose, ellipsisIsCode);
  const strong = markers.filter((marker) => marker.strength === 'strong');
  const where = options.path ?? 'the file';
  if (strong.length > 0) {
    return {
      ok: false,
      reason: 'placeholder',
      markers: strong,
      message: [
        `Refused to write ${where}: the content has placeholder text where code should be (${quote(strong)}).`,
        'write_file replaces the whole file, so the code a placeholder stands for would be deleted.',
        'Send the complete file content, or use edit_file to change only the part that needs changing.',
      ].join('\n'),
    };
  }
  if (markers.length > 0 && options.existingContent !== undefined) {
    const before = nonBlankLineCount(options.existingContent);
    const after = nonBlankLineCount(proposedContent);
    if (before >= SHRINK_MIN_EXISTING_LINES && after < before * SHRINK_RATIO) {
      return {
        ok: false,
        reason: 'truncated',
        markers,
        message: [
          `Refused to write ${where}: it would shrink from ${before} to ${after} non-blank lines and contains elisions (${quote(markers)}).`,
          'This looks like a shortened copy of the file rather than its new full content.',
          'Send the complete file content, or use edit_file to change only the part that needs changing.',
        ].join('\n'),
      };
    }
  }
  return { ok: true };
}

export function findPlaceholderMarkers(content: string, prose = false, ellipsisIsCode = false): PlaceholderMarker[] {
  const markers: PlaceholderMarker[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    let strength: PlaceholderMarker['strength'] | undefined;
    for (const body of placeholderBodies(trimmed, prose)) {
      const found = classify(body);
      if (found === 'strong') strength = 'strong';
      else if (found === 'weak' && strength === undefined) strength = 'weak';
    }
    // A line holding nothing but an ellipsis is an elision everywhere except where `...` is a statement.
    if (strength === undefined && !prose && !ellipsisIsCode && /^(?:\.{3}|…)$/.test(trimmed)) strength = 'weak';
    if (strength) markers.push({ line: index + 1, text: trimmed.length > 120 ? `${trimmed.slice(0, 120)}…` : trimmed, strength });
  });
  return markers;
}

/** The texts on a line that could be a placeholder: comment bodies and whole-line bracket forms. */
function placeholderBodies(trimmed: string, prose: boolean): string[] {
  const bodies: string[] = [];
  const html = /^<!--(.*?)(?:-->)?$/.exec(trimmed);
  if (html) bodies.push(html[1]);
  const bracketed = /^\[(.*)\]$/.exec(trimmed);
  if (bracketed) bodies.push(`[${bracketed[1]}]`);
  if (prose) return bodies;

  const lineComment = /^(?:\/\/+|#+|--|;+|%+|\{\/\*|\/\*+|\(\*|\{-|\*(?!\/))(.*)$/.exec(trimmed);
  if (lineComment) bodies.push(lineComment[1]);
  // A trailing comment after code, e.g. `foo(); // ... rest of the code`.
  const trailing = /\s(?:\/\/|#|\/\*)(.*)$/.exec(trimmed);
  if (trailing && !lineComment) bodies.push(trailing[1]);
  return bodies;
}

function classify(rawBody: string): 'strong' | 'weak' | undefined {
  const body = rawBody
    .replace(/(?:\*\/\}?|-->|\*\)|-\})\s*$/, '')
    .trim()
    .toLowerCase();
  const hasEllipsis = /\.{2,}|…/.test(body);
  const bracketed = /^[[(<{].*[\])>}]$/.test(body) || /[([<{][^)\]>}]*[)\]>}]/.test(body);
  const core = body
    .replace(/\.{2,}|…/g, ' ')
    .replace(/[[\](){}<>:;,!*=_"'`–—-]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\.$/, '')
    .trim();
  if (core === '') return hasEllipsis ? 'weak' : undefined;
  if (STRONG_PHRASES.some((phrase) => phrase.test(core))) return 'strong';
  if ((hasEllipsis || bracketed) && WRAPPED_PHRASES.test(core)) return 'strong';
  return undefined;
}

function nonBlankLineCount(text: string): number {
  return text.split(/\r?\n/).filter((line) => !isBlank(line)).length;
}

function quote(markers: readonly PlaceholderMarker[]): string {
  const shown = markers.slice(0, MARKERS_QUOTED).map((marker) => `line ${marker.line}: "${marker.text}"`);
  return markers.length > MARKERS_QUOTED ? `${shown.join('; ')}; …` : shown.join('; ');
}
