// Inlines a workspace page's local assets: the sandboxed frame has no network and no webview-resource access
// (an opaque-origin frame is not served by the webview's resource loader), so stylesheets become <style>,
// scripts inline <script>, and images data: URLs. Remote URLs are left as written: the frame's CSP blocks them.

export type LoadedAsset = { kind: 'text'; text: string } | { kind: 'dataUrl'; dataUrl: string };

/** Loads a page-relative reference (already checked to be a plain relative path); undefined when refused or missing. */
export type AssetLoader = (reference: string, as: 'text' | 'dataUrl') => Promise<LoadedAsset | undefined>;

/** A relative path the page may use for a local file: no scheme, no protocol-relative or absolute path, no query. */
export function localReference(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/') || trimmed.startsWith('\\') || trimmed.startsWith('#')) return undefined;
  const path = trimmed.split(/[?#]/, 1)[0] ?? '';
  try {
    return path ? decodeURIComponent(path) : undefined;
  } catch {
    return undefined;
  }
}

const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attributeValue(tag: string, name: string): string | undefined {
  const match = attribute(name).exec(tag);
  return match ? (match[2] ?? match[3] ?? match[4]) : undefined;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

async function replaceAsync(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => Promise<string>): Promise<string> {
  const parts: (string | Promise<string>)[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), replace(match as RegExpExecArray));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return (await Promise.all(parts)).join('');
}

/** Rewrites the page so that every local asset it references travels inside it. */
export async function inlineLocalAssets(html: string, load: AssetLoader): Promise<string> {
  let page = await replaceAsync(html, /<link\b[^>]*>/gi, async ([tag]) => {
    const rel = attributeValue(tag, 'rel')?.toLowerCase() ?? '';
    const href = localReference(attributeValue(tag, 'href') ?? '');
    if (!rel.split(/\s+/).includes('stylesheet') || !href) return tag;
    const asset = await load(href, 'text');
    return asset?.kind === 'text' ? `<style data-kimi-source="${escapeAttribute(href)}">${asset.text.replace(/<\/style/gi, '<\\/style')}</style>` : tag;
  });
  page = await replaceAsync(page, /<script\b([^>]*)>\s*<\/script>/gi, async (match) => {
    const attributes = match[1] ?? '';
    const src = localReference(attributeValue(attributes, 'src') ?? '');
    if (!src) return match[0];
    const asset = await load(src, 'text');
    if (asset?.kind !== 'text') return match[0];
    const type = attributeValue(attributes, 'type');
    const typeAttribute = type ? ` type="${escapeAttribute(type)}"` : '';
    return `<script${typeAttribute} data-kimi-source="${escapeAttribute(src)}">${asset.text.replace(/<\/script/gi, '<\\/script')}</script>`;
  });
  page = await replaceAsync(page, /<(img|source|video|audio|input)\b[^>]*>/gi, async ([tag]) => {
    let rewritten = tag;
    for (const name of ['src', 'poster']) {
      const value = attributeValue(rewritten, name);
      const reference = value === undefined ? undefined : localReference(value);
      if (!reference) continue;
      const asset = await load(reference, 'dataUrl');
      if (asset?.kind === 'dataUrl') rewritten = rewritten.replace(attribute(name), ` ${name}="${escapeAttribute(asset.dataUrl)}"`);
    }
    return rewritten;
  });
  return page;
}
