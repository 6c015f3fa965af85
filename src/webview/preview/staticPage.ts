// Whether a page can be swapped into the preview's frame in place instead of loading a new frame document: only a
// page that runs nothing (no script element, handler attribute, javascript: URL or SVG animation) and has no
// http-equiv rule or noscript content, whose meaning depends on the document being loaded afresh.

/** Elements that run code, change attributes over time, or act only while the document loads. */
const dynamicElements = 'script, noscript, meta[http-equiv], animate, set';

/** As a browser reads a URL: tabs and newlines anywhere and leading controls or spaces do not count. */
const isJavascriptUrl = (value: string): boolean => /^javascript:/i.test(value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''));

export function isStaticPage(html: string): boolean {
  // DOMParser makes a document with scripting off and no browsing context: nothing in it runs or loads.
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  if (parsed.querySelector(dynamicElements)) return false;
  for (const element of Array.from(parsed.getElementsByTagName('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.toLowerCase().startsWith('on') || isJavascriptUrl(attribute.value)) return false;
    }
  }
  return true;
}
