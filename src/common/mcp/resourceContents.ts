// What a resource (resources/read, or a resource embedded in a prompt) gives the model: its text, cut in the
// middle when long; blobs that are images the model reads become image attachments; text-like blobs are decoded;
// any other blob is described in a line. Every part is checked with zod first: the server is untrusted.
import { z } from 'zod';
import { ImageAttachmentSchema, protocolLimits, type ImageAttachment } from '../protocol';
import { truncateMiddle } from './results';

/** About 25,000 tokens: a resource is context the user chose, but one of them must not fill the window. */
export const RESOURCE_TEXT_LIMIT = 100_000;
/** Blobs decoded as text only up to this size; bigger ones are described. */
const MAX_DECODED_BLOB_BYTES = 1024 * 1024;

const ResourcePartSchema = z.looseObject({
  uri: z.string().max(protocolLimits.urlChars),
  mimeType: z.string().max(200).optional(),
  text: z.string().optional(),
  blob: z.string().optional(),
});

export interface ResourceContentOptions {
  limit?: number;
  /** False for a model that cannot read images: they are described instead. */
  acceptImages: boolean;
  /** Images already taken by the message: the total stays within the message's limit. */
  imagesSoFar?: number;
  /** Prefix of the attachments' ids, unique per message. */
  idPrefix: string;
}

export interface ResourceText {
  text: string;
  images: ImageAttachment[];
}

/** The parts of a resource as one text (each part headed by its uri when there are several) and its images. */
export function describeResourceContents(contents: readonly unknown[], options: ResourceContentOptions): ResourceText {
  const pieces: string[] = [];
  const images: ImageAttachment[] = [];
  const several = contents.length > 1;
  for (const raw of contents) {
    const parsed = ResourcePartSchema.safeParse(raw);
    if (!parsed.success) {
      pieces.push('[a part of the resource that does not follow the protocol was left out]');
      continue;
    }
    const part = parsed.data;
    const heading = several ? `${part.uri}:\n` : '';
    if (part.text !== undefined) pieces.push(`${heading}${part.text}`);
    else if (part.blob !== undefined) pieces.push(`${heading}${describeBlob(part.uri, part.mimeType, part.blob, images, options)}`);
    else pieces.push(`${heading}[no content]`);
  }
  const text = pieces.join('\n\n');
  return { text: truncateMiddle(text === '' ? '(empty resource)' : text, options.limit ?? RESOURCE_TEXT_LIMIT), images };
}

function describeBlob(uri: string, mimeType: string | undefined, blob: string, images: ImageAttachment[], options: ResourceContentOptions): string {
  const mime = (mimeType ?? 'application/octet-stream').toLowerCase();
  const compact = blob.replace(/\s+/g, '');
  const bytes = Math.max(0, Math.floor((compact.length * 3) / 4) - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0));
  const size = formatBytes(bytes);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return `[binary resource (${mime}) not shown: its data is not base64]`;
  if (mime.startsWith('image/')) {
    if (!options.acceptImages) return `[image ${uri} (${mime}, ${size}) not shown: this model does not read images]`;
    if ((options.imagesSoFar ?? 0) + images.length >= protocolLimits.imagesPerMessage) return `[image ${uri} (${mime}, ${size}) not shown: at most ${protocolLimits.imagesPerMessage} images go with a message]`;
    const attachment = ImageAttachmentSchema.safeParse({
      id: `${options.idPrefix}-${images.length + 1}`.slice(0, protocolLimits.idChars),
      name: uri.slice(0, protocolLimits.labelChars),
      mimeType: mime,
      dataUrl: `data:${mime};base64,${compact}`,
    });
    if (!attachment.success) return `[image ${uri} (${mime}, ${size}) not shown: the format or size is not supported]`;
    images.push(attachment.data);
    return `[image ${uri} (${mime}, ${size}) is attached]`;
  }
  if (isTextLike(mime) && bytes <= MAX_DECODED_BLOB_BYTES) {
    const decoded = decodeUtf8(compact);
    if (decoded !== undefined) return decoded;
  }
  return `[binary resource ${uri} (${mime}, ${size}) not shown]`;
}

function isTextLike(mime: string): boolean {
  return mime.startsWith('text/') || /^application\/(json|xml|yaml|x-yaml|javascript|typescript|toml)$/.test(mime) || mime.endsWith('+json') || mime.endsWith('+xml');
}

/** Undefined when the bytes are not valid UTF-8 (then the blob is described, not shown as mojibake). */
function decodeUtf8(base64: string): string | undefined {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
