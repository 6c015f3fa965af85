// The preview panel's messages: host <-> preview webview, and the sandboxed page -> preview webview. One zod
// schema per message gives the runtime check and the type; every message from the page is hostile input.
import { z } from 'zod';

export const previewLimits = {
  /** The page's HTML as the preview renders it (a generated page is a few KB; 2 MB leaves room for inlined assets). */
  pageChars: 2 * 1024 * 1024,
  /** The frame runtime's source (html-to-image and the reply code), sent once when the webview is ready. */
  runtimeChars: 512 * 1024,
  /** A rasterized page as a PNG data URL: 8 MB of base64 is a full-height desktop page with room to spare. */
  pngDataUrlChars: 8 * 1024 * 1024,
  /** The largest side a snapshot may have, in CSS pixels (also what the frame runtime clamps to). */
  snapshotSide: 8192,
  labelChars: 300,
} as const;

export const viewportPresets = {
  mobile: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportPreset = keyof typeof viewportPresets;
export const viewportPresetNames = Object.keys(viewportPresets) as ViewportPreset[];

export const colorSchemes = ['light', 'dark'] as const;
export type ColorScheme = (typeof colorSchemes)[number];

const pngDataUrlPrefix = 'data:image/png;base64,';
const requestId = z.string().min(1).max(64);
const revision = z.number().int().nonnegative();
/** A moment as performance.timeOrigin + performance.now(): milliseconds since 1970, comparable across processes. */
const epochMs = z.number().finite().nonnegative();
const side = z.number().int().min(1).max(previewLimits.snapshotSide);
const label = z.string().max(previewLimits.labelChars);
const pngDataUrl = z
  .string()
  .max(previewLimits.pngDataUrlChars)
  .refine((value) => value.startsWith(pngDataUrlPrefix) && /^[A-Za-z0-9+/]+=*$/.test(value.slice(pngDataUrlPrefix.length)), 'a base64 PNG data URL');
const imageDataUrl = z
  .string()
  .max(previewLimits.pngDataUrlChars)
  .refine((value) => /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/.test(value), 'a base64 image data URL');

// ----- Host -> preview webview -------------------------------------------------------------------

export const HostToPreviewSchema = z.discriminatedUnion('type', [
  /** The code the sandboxed page runs besides its own: the rasterizer. Sent once, before the first render. */
  z.strictObject({ type: z.literal('runtime'), source: z.string().max(previewLimits.runtimeChars) }),
  /** A new version of the page; `title` says where it comes from (a file, a proposal, the chat's code block). */
  z.strictObject({ type: z.literal('render'), revision, html: z.string().max(previewLimits.pageChars), title: label }),
  /** Rasterize the page as it is now; answered with `snapshot` or `snapshotFailed`. */
  z.strictObject({ type: z.literal('rasterize'), requestId }),
  /** The target image and the page's rasterized PNG, shown side by side. */
  z.strictObject({ type: z.literal('comparison'), target: imageDataUrl, snapshot: pngDataUrl }),
  /** A line under the toolbar: what the preview is doing (a compare round, an error). */
  z.strictObject({ type: z.literal('status'), text: label }),
]);
export type HostToPreviewMessage = z.infer<typeof HostToPreviewSchema>;

// ----- Preview webview -> host -------------------------------------------------------------------

export const PreviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /**
   * The page of this revision has loaded and painted, at `paintedAt` by the frame's clock (the bench measures a
   * save -> this; the page could forge the time, and it serves measurement only).
   */
  z.strictObject({ type: z.literal('rendered'), revision, paintedAt: epochMs }),
  z.strictObject({ type: z.literal('snapshot'), requestId, png: pngDataUrl, width: side, height: side }),
  z.strictObject({ type: z.literal('snapshotFailed'), requestId, reason: label }),
  /** The user pressed "Compare with target". */
  z.strictObject({ type: z.literal('compare') }),
]);
export type PreviewToHostMessage = z.infer<typeof PreviewToHostSchema>;

// ----- Sandboxed page -> preview webview ------------------------------------------------------------

/**
 * The only messages the page's frame may send, and the preview treats them as untrusted (the page's own scripts
 * can forge them): a raster or its failure for a request it was given, and the load signal.
 */
export const FrameToPreviewSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('kimiPreviewLoaded'), revision, paintedAt: epochMs }),
  z.strictObject({ type: z.literal('kimiPreviewRaster'), requestId, png: pngDataUrl, width: side, height: side }),
  z.strictObject({ type: z.literal('kimiPreviewRasterFailed'), requestId, reason: label }),
]);
export type FrameToPreviewMessage = z.infer<typeof FrameToPreviewSchema>;

/** Preview webview -> page (the frame runtime listens only to its parent). */
export const PreviewToFrameSchema = z.discriminatedUnion('type', [
  /** Rasterize now. */
  z.strictObject({ type: z.literal('kimiPreviewRasterize'), requestId }),
  /**
   * Replace the frame's document with this page, in place: sent only for a page without scripts, to a frame that
   * never ran any, so a new version repaints without a navigation (and the realm has no state to carry over).
   */
  z.strictObject({ type: z.literal('kimiPreviewShow'), revision, html: z.string().max(previewLimits.pageChars), colorScheme: z.enum(colorSchemes) }),
]);
export type PreviewToFrameMessage = z.infer<typeof PreviewToFrameSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parse<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  // Paths and messages only: a hostile page's payload is never echoed.
  return { ok: false, error: result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ').slice(0, 300) };
}

export const parseHostToPreview = (raw: unknown): Parsed<HostToPreviewMessage> => parse(HostToPreviewSchema, raw);
export const parsePreviewToHost = (raw: unknown): Parsed<PreviewToHostMessage> => parse(PreviewToHostSchema, raw);
export const parseFrameToPreview = (raw: unknown): Parsed<FrameToPreviewMessage> => parse(FrameToPreviewSchema, raw);
export const parsePreviewToFrame = (raw: unknown): Parsed<PreviewToFrameMessage> => parse(PreviewToFrameSchema, raw);
