// MCP resources as `@` mentions: short stable chip ids found again only in the current listing, the `@` list's
// matches, and a read resource as the message's context (long text cut, image blobs as attachments, text blobs
// decoded, other blobs and malformed parts described).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeResourceContents, RESOURCE_TEXT_LIMIT } from '../../../src/common/mcp/resourceContents';
import { findResource, matchingResourceChips, resourceChip, resourceChipId, resourceContextBlock, templateResources, type ServerResources } from '../../../src/common/mcp/resourceMentions';
import { ContextChipSchema, protocolLimits } from '../../../src/common/protocol';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const listing: ServerResources[] = [
  {
    server: 'everything',
    resources: [
      { uri: 'demo://resource/static/document/architecture.md', name: 'architecture.md', mimeType: 'text/markdown' },
      { uri: 'demo://resource/static/document/features.md', name: 'features.md', mimeType: 'text/markdown' },
    ],
  },
  { server: 'docs', resources: [{ uri: `file:///${'very-long/'.repeat(40)}guide.md`, name: 'guide', title: 'The Guide' }] },
];
const options = { acceptImages: true, idPrefix: 'r' };

describe('resource chips', () => {
  test('ids are short, stable, distinct per server and uri, and valid chips', () => {
    const long = listing[1]!.resources[0]!;
    const chip = resourceChip('docs', long);
    assert.ok(ContextChipSchema.safeParse(chip).success, JSON.stringify(chip));
    assert.ok(chip.id.length <= protocolLimits.idChars && chip.id.startsWith('mcp:'));
    assert.equal(chip.id, resourceChipId('docs', long.uri));
    assert.notEqual(resourceChipId('docs', long.uri), resourceChipId('other', long.uri));
    assert.equal(chip.kind, 'mcpResource');
    assert.equal(chip.label, 'The Guide');
    assert.ok(chip.detail!.startsWith('docs · file:///very-long/'));
  });

  test('the @ list matches names and uris', () => {
    assert.deepEqual(matchingResourceChips(listing, 'features').map((chip) => chip.label), ['features.md']);
    assert.equal(matchingResourceChips(listing, '').length, 3);
    assert.deepEqual(matchingResourceChips(listing, 'zzzz'), []);
  });

  test('an id is found again only while a server lists that resource', () => {
    const id = resourceChipId('everything', 'demo://resource/static/document/features.md');
    assert.deepEqual(findResource(listing, id)?.resource.name, 'features.md');
    assert.equal(findResource([], id), undefined, 'the server stopped');
    assert.equal(findResource(listing, 'file:features.md'), undefined);
    assert.equal(findResource(listing, 'mcp:0000000000'), undefined);
  });
});

describe('resources through templates', () => {
  const templated: ServerResources[] = [
    {
      server: 'everything',
      resources: [],
      templates: [
        { uriTemplate: 'demo://resource/dynamic/text/{resourceId}', name: 'Dynamic Text Resource', mimeType: 'text/plain' },
        { uriTemplate: 'file:///{+path}', name: 'not simple' },
        { uriTemplate: 'search://{?q}', name: 'a query' },
        { uriTemplate: 'repo://{owner}/{name}/readme', name: 'Readme', title: 'A readme' },
      ],
    },
  ];

  test('a uri a simple template matches is offered, named after the template', () => {
    assert.deepEqual(templateResources(templated, 'demo://resource/dynamic/text/7'), [
      { server: 'everything', resource: { uri: 'demo://resource/dynamic/text/7', name: 'Dynamic Text Resource: demo://resource/dynamic/text/7', mimeType: 'text/plain' } },
    ]);
    assert.deepEqual(templateResources(templated, 'repo://kimi/assistant/readme').map(({ resource }) => resource.name), ['A readme: repo://kimi/assistant/readme']);
  });

  test('a partial uri, one segment too many, other template expressions and an empty query match nothing', () => {
    for (const query of ['demo://resource/dynamic/text/', 'demo://resource/dynamic/text/7/8', 'file:///etc/passwd', 'search://?q=x', 'repo://kimi/readme', '', 'demo']) {
      assert.deepEqual(templateResources(templated, query), [], query);
    }
  });
});

describe('a read resource as context', () => {
  test('titled with its uri, server and type; text as it is', () => {
    const listed = { server: 'everything', resource: listing[0]!.resources[0]! };
    const { block, images } = resourceContextBlock(listed, [{ uri: listed.resource.uri, mimeType: 'text/markdown', text: '# Architecture' }], options);
    assert.deepEqual(block, { title: 'demo://resource/static/document/architecture.md (MCP resource of "everything", text/markdown)', body: '# Architecture' });
    assert.deepEqual(images, []);
  });

  test('long text is cut in the middle with the count', () => {
    const { text } = describeResourceContents([{ uri: 'x://big', text: `${'head\n'.repeat(30_000)}${'tail\n'.repeat(30_000)}` }], options);
    assert.ok(text.length <= RESOURCE_TEXT_LIMIT + 200 && text.startsWith('head') && text.trimEnd().endsWith('tail'));
    assert.match(text, /\[… [\d,]+ characters \([\d,]+ lines\) cut …\]/);
  });

  test('an image blob is an attachment; without image support, or of an unsupported type, it is described', () => {
    const image = describeResourceContents([{ uri: 'x://logo.png', mimeType: 'image/png', blob: PNG }], options);
    assert.equal(image.images.length, 1);
    assert.deepEqual({ ...image.images[0]!, dataUrl: image.images[0]!.dataUrl.slice(0, 30) }, { id: 'r-1', name: 'x://logo.png', mimeType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0K' });
    assert.match(image.text, /^\[image x:\/\/logo\.png \(image\/png, \d+ B\) is attached\]$/);
    assert.match(describeResourceContents([{ uri: 'x://logo.png', mimeType: 'image/png', blob: PNG }], { ...options, acceptImages: false }).text, /this model does not read images/);
    assert.match(describeResourceContents([{ uri: 'x://a.bmp', mimeType: 'image/bmp', blob: PNG }], options).text, /the format or size is not supported/);
    assert.match(describeResourceContents([{ uri: 'x://logo.png', mimeType: 'image/png', blob: PNG }], { ...options, imagesSoFar: 10 }).text, /at most 10 images/);
  });

  test('text-like blobs are decoded; other blobs, bad base64 and invalid UTF-8 are described', () => {
    assert.equal(describeResourceContents([{ uri: 'x://a.json', mimeType: 'application/json', blob: btoa('{"a":1}') }], options).text, '{"a":1}');
    assert.equal(describeResourceContents([{ uri: 'x://a.bin', mimeType: 'application/octet-stream', blob: btoa('\u0000\u0001') }], options).text, '[binary resource x://a.bin (application/octet-stream, 2 B) not shown]');
    assert.equal(describeResourceContents([{ uri: 'x://b', mimeType: 'text/plain', blob: 'not base64!' }], options).text, '[binary resource (text/plain) not shown: its data is not base64]');
    assert.match(describeResourceContents([{ uri: 'x://c', mimeType: 'text/plain', blob: btoa('\u00ff\u00fe') }], options).text, /binary resource x:\/\/c/);
  });

  test('several parts are headed by their uris; malformed and empty parts are described', () => {
    const { text } = describeResourceContents([{ uri: 'x://1', text: 'one' }, { uri: 'x://2' }, { text: 'no uri' }], options);
    assert.equal(text, 'x://1:\none\n\nx://2:\n[no content]\n\n[a part of the resource that does not follow the protocol was left out]');
    assert.equal(describeResourceContents([], options).text, '(empty resource)');
  });
});
