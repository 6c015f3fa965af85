// Markdown documents that stress incremental rendering: structures that continue across lines and blocks.
export const markdownDocuments: Record<string, string> = {
  paragraphsAndHeadings: '# Title\n\nFirst paragraph with **bold** and `code`.\nSecond line.\n\n## Section\n\nSetext heading\n---\n\nAnother one\n===\n\nEnd.\n',
  lists: '- one\n- two\n  - nested a\n  - nested b\n    1. deep\n    2. deeper\n- three\n\n1. first\n2. second\n\n10. ten\n\n1. continues the list\n\n* star\n+ plus\n\n- loose a\n\n- loose b\n\n  continued paragraph\n',
  fences: 'Intro:\n\n```ts\nconst a = 1;\n\n\nfunction f() {\n  return a;\n}\n```\n\n~~~python\ndef f():\n    return 1\n~~~\n\n    indented code\n\n    still code\n\nafter\n\n```\nunclosed fence runs to the end\n',
  tables: '| Name | Value | Note |\n|:-----|------:|:----:|\n| a | 1 | x |\n| b | 2 | y |\n\nText between.\n\nparagraph before table\n| h1 | h2 |\n| --- | --- |\n| c1 | c2 |\nrow without pipes\n\n- list\n\n| x |\n|---|\n',
  quotesAndRules: '> quote line\nlazy continuation\n> > nested quote\n\n---\n\n***\n\n> - list in quote\n> - more\n\nfinal *text*\n',
  referencesAndLinks: 'See [the docs][docs] and https://example.com/path and [inline](https://example.org).\n\n- item with [ref][docs]\n\n[docs]: https://docs.example.com "Docs"\n\nTrailing paragraph.\n',
  crlfAndEdgeCases: 'Line one\r\nLine two\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nlet x = 1;\r\n```\r\n\r\nEnd\r\n',
  htmlInMarkdown:
    'Inline <b>bold</b>, <span class="x">a span</span> and entities &amp; &lt;tag&gt;.\n\n<div>\nblock <em>html</em>\n</div>\n\n' +
    '<script>window.__xssCanary = 1</script>\n\n- item <img src=x onerror="window.__xssCanary = 2">\n- `<code>` in backticks\n\n' +
    '```html\n<p onclick="x()">in a fence</p>\n```\n\n<!-- a comment -->\nafter <a href="javascript:alert(1)">link</a>\n',
  fencesInListsAndLongerFences: '- step one\n\n  ```ts\n  const a = 1;\n  ```\n\n- step two\n\n````md\n```inner```\n```\nstill inside\n````\n\n``` \nspace after the fence\n```\n',
  mixedLong: Array.from({ length: 6 }, (_, index) =>
    `### Part ${index}\n\nSome text ${index} with _emphasis_.\n\n1. step\n2. step\n   - sub\n\n\`\`\`json\n{"k": ${index}}\n\`\`\`\n\n| c | d |\n|---|---|\n| ${index} | ${index * 2} |\n\n`,
  ).join(''),
};
