// Pasted or dropped images become attachments: only PNG, JPEG, WebP and GIF; large ones are downscaled on a
// canvas (the model sees at most ~1568 px on the longest side anyway) so the request stays small.
import type { ImageAttachment } from '../../common/protocol';
import { imageMimeTypes, protocolLimits, type ImageMimeType } from '../../common/protocolLimits';

export const maxImageSide = 1568;
const downscaleAboveBytes = 1024 * 1024;
let attachmentCounter = 0;

export type PreparedImage = { ok: true; image: ImageAttachment } | { ok: false; reason: string };

function isSupportedType(type: string): type is ImageMimeType {
  return (imageMimeTypes as readonly string[]).includes(type);
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('could not encode the image'))), type, quality);
  });
}

/** Re-encodes the image at most `maxImageSide` px on its longest side; GIFs become PNG (first frame). */
async function downscale(file: File, bitmap: ImageBitmap): Promise<{ blob: Blob; mimeType: ImageMimeType }> {
  const scale = Math.min(1, maxImageSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const type: ImageMimeType = file.type === 'image/jpeg' || file.type === 'image/webp' ? file.type : 'image/png';
  let blob = await canvasToBlob(canvas, type, 0.85);
  // A screenshot can stay large as PNG; JPEG is far smaller for photos and gradients.
  if (blob.size > downscaleAboveBytes && type === 'image/png') {
    const jpeg = await canvasToBlob(canvas, 'image/jpeg', 0.85);
    if (jpeg.size < blob.size) return { blob: jpeg, mimeType: 'image/jpeg' };
  }
  return { blob, mimeType: type };
}

export async function prepareImage(file: File): Promise<PreparedImage> {
  if (!isSupportedType(file.type)) {
    return { ok: false, reason: `${file.name || 'This file'} is not a PNG, JPEG, WebP or GIF image.` };
  }
  let blob: Blob = file;
  let mimeType: ImageMimeType = file.type;
  try {
    const bitmap = await createImageBitmap(file);
    const tooLarge = Math.max(bitmap.width, bitmap.height) > maxImageSide || file.size > downscaleAboveBytes;
    if (tooLarge) ({ blob, mimeType } = await downscale(file, bitmap));
    bitmap.close();
  } catch {
    return { ok: false, reason: `${file.name || 'The image'} could not be read.` };
  }
  if (blob.size > protocolLimits.imageBytes) {
    return { ok: false, reason: `${file.name || 'The image'} is too large even after downscaling.` };
  }
  const dataUrl = await readAsDataUrl(blob);
  attachmentCounter++;
  return {
    ok: true,
    image: { id: `image-${Date.now()}-${attachmentCounter}`, name: (file.name || `image-${attachmentCounter}`).slice(0, 200), mimeType, dataUrl },
  };
}
