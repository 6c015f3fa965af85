// MCP configuration as users write it (Claude/Cline `mcpServers`, VS Code `.vscode/mcp.json`): parsed with
// readable errors, one bad entry never losing the others; project files refused when they carry a literal
// secret; references resolved from injected sources; a stable approval key per project server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  approvalKey,
  describeLaunch,
  mergeMcpConfigs,
  parseMcpConfig,
  parseMcpConfigText,
  resolveServer,
  trustedAlwaysAllow,
  type McpServerConfig,
} from '../../../src/common/mcp/config';
import { parseJsonc } from '../../../src/common/mcp/jsonc';
import type { ReferenceContext } from '../../../src/common/mcp/references';

const user = { source: 'user' as const };
const project = { source: 'project' as const, origin: '.vscode/mcp.json' };
const only = (raw: unknown, options: Parameters<typeof parseMcpConfig>[1] = user): McpServerConfig => {
  const parsed = parseMcpConfig(raw, options);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.servers.length, 1);
  return parsed.servers[0]!;
};
const problemsOf = (raw: unknown, options: Parameters<typeof parseMcpConfig>[1] = user) => parseMcpConfig(raw, options).problems.map((problem) => problem.message);

describe('the mcpServers format (Claude Desktop, Claude Code, Cline)', () => {
  test('a stdio server with args, env, cwd, disabled and alwaysAllow', () => {
    assert.deepEqual(only({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: 'ghp_literal_is_fine_for_the_user' }, cwd: '/tmp', disabled: false, alwaysAllow: ['list_issues', 'list_issues'] } } }), {
      name: 'github',
      source: 'user',
      disabled: false,
      alwaysAllow: ['list_issues'],
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_TOKEN: 'ghp_literal_is_fine_for_the_user' },
      cwd: '/tmp',
    });
  });

  test('a url is streamable HTTP with the SSE fallback; type or transportType "sse" is SSE only', () => {
    assert.deepEqual(only({ mcpServers: { remote: { url: 'https://mcp.example.com/mcp', headers: { 'X-Team': 'core' } } } }), {
      name: 'remote', source: 'user', disabled: false, alwaysAllow: [], transport: 'http', url: 'https://mcp.example.com/mcp', headers: { 'X-Team': 'core' },
    });
    assert.equal((only({ mcpServers: { old: { url: 'https://x.example/sse', transportType: 'sse' } } }) as { transport: string }).transport, 'sse');
    assert.equal((only({ mcpServers: { cline: { url: 'https://x.example/mcp', type: 'streamableHttp' } } }) as { transport: string }).transport, 'http');
  });

  test('errors name the server and the field, and the other servers still load', () => {
    const parsed = parseMcpConfig({
      mcpServers: {
        good: { command: 'node', args: ['server.js'] },
        noCommand: { args: ['x'] },
        both: { command: 'x', url: 'https://x.example' },
        badArgs: { command: 'x', args: 'one two' },
        badEnv: { command: 'x', env: { PORT: 8080 } },
        badType: { command: 'x', type: 'websocket' },
        badUrl: { url: 'ftp://files.example' },
        wrongType: { url: 'https://x.example', type: 'stdio' },
        notAnObject: 'npx server',
        badVariable: { command: 'x', args: ['${command:pickFile}'] },
      },
    }, user);
    assert.deepEqual(parsed.servers.map((server) => server.name), ['good']);
    assert.deepEqual(parsed.problems.map((problem) => problem.message), [
      'Server "noCommand" in the MCP configuration: needs a "command" (a server to start) or a "url" (a server to connect to)',
      'Server "both" in the MCP configuration: has both a "command" and a "url"; keep one',
      'Server "badArgs" in the MCP configuration: "args" must be a list of text values (at args)',
      'Server "badEnv" in the MCP configuration: each value of "env" must be text (at env.PORT)',
      'Server "badType" in the MCP configuration: "type" is "websocket"; use "stdio", "http" or "sse"',
      'Server "badUrl" in the MCP configuration: "url" must be an http:// or https:// address, not "ftp://files.example"',
      'Server "wrongType" in the MCP configuration: "type" "stdio" needs a "command", not a "url"',
      'Server "notAnObject" in the MCP configuration: must be an object with a "command" or a "url"',
      'Server "badVariable" in the MCP configuration: "args"[0] uses ${command:pickFile}, which is not supported (use ${env:NAME}, ${input:ID} or ${workspaceFolder})',
    ]);
    assert.deepEqual(problemsOf([]), ['The MCP configuration must be a JSON object.']);
    assert.deepEqual(problemsOf({ mcpServers: [] }), ['"mcpServers" in the MCP configuration must be an object of servers.']);
    assert.deepEqual(parseMcpConfig({}, user), { servers: [], inputs: [], problems: [] });
  });
});

describe('VS Code\'s .vscode/mcp.json', () => {
  const file = `{
    // Comments and trailing commas, as VS Code allows.
    "inputs": [{ "type": "promptString", "id": "github-token", "description": "GitHub token", "password": true }],
    "servers": {
      "github": { "type": "stdio", "command": "npx", "args": ["-y", "server-github"], "env": { "GITHUB_TOKEN": "\${input:github-token}" }, },
      "api": { "type": "http", "url": "https://api.example.com/mcp", "headers": { "Authorization": "Bearer \${input:api-key}" } },
      "legacy": { "type": "sse", "url": "http://127.0.0.1:3001/sse" }, /* trailing */
    },
  }`;

  test('servers, types and inputs', () => {
    const parsed = parseMcpConfigText(file, project);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.servers.map((server) => [server.name, server.transport, server.source]), [['github', 'stdio', 'project'], ['api', 'http', 'project'], ['legacy', 'sse', 'project']]);
    assert.deepEqual(parsed.inputs, [{ id: 'github-token', description: 'GitHub token', password: true }]);
  });

  test('a file that is not JSON says where', () => {
    assert.match(parseMcpConfigText('{ "servers": { ', project).problems[0]!.message, /^\.vscode\/mcp\.json is not valid JSON \(.+\)\.$/);
  });

  test('comments and trailing commas are blanked only outside strings', () => {
    assert.deepEqual(parseJsonc('{"a": "// not a comment", "b": "/* nor this */", "c": [1, 2,], } // end'), { ok: true, value: { a: '// not a comment', b: '/* nor this */', c: [1, 2] } });
    assert.deepEqual(parseJsonc('\uFEFF{"escaped \\" quote, ": 1,}'), { ok: true, value: { 'escaped " quote, ': 1 } });
  });
});

describe('secrets in project files', () => {
  const refused = (entry: Record<string, unknown>) => problemsOf({ servers: { s: entry } }, project);

  for (const [what, entry, reason] of [
    ['an env token', { command: 'x', env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'abc123' } }, '"env.GITHUB_PERSONAL_ACCESS_TOKEN" holds a literal value under a name that looks secret'],
    ['an env API key', { command: 'x', env: { OPENAI_API_KEY: 'not-a-reference' } }, '"env.OPENAI_API_KEY" holds a literal value under a name that looks secret'],
    ['a password', { command: 'x', env: { dbPassword: 'hunter2' } }, '"env.dbPassword" holds a literal value under a name that looks secret'],
    ['an Authorization header', { url: 'https://x.example', headers: { Authorization: 'Bearer abc.def' } }, '"headers.Authorization" holds a literal value under a name that looks secret'],
    ['an x-api-key header', { url: 'https://x.example', headers: { 'x-api-key': 'k' } }, '"headers.x-api-key" holds a literal value under a name that looks secret'],
    ['a token-shaped value under any name', { command: 'x', env: { CONFIG: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } }, '"env.CONFIG" holds what looks like a token or key'],
    ['a flag with a value', { command: 'x', args: ['--api-key=abc'] }, '"args"[0] passes a literal value to "--api-key"'],
    ['a flag then a value', { command: 'x', args: ['--token', 'abc'] }, '"args"[1] passes a literal value to "--token"'],
    ['a token in the arguments', { command: 'x', args: ['sk-abcdefghijklmnopqrstuvwx'] }, '"args"[0] holds what looks like a token or key'],
    ['a query parameter', { url: 'https://x.example/mcp?api_key=abc' }, '"url" passes a literal value in the query parameter "api_key"'],
    ['a password in the address', { url: 'https://me:pw@x.example/mcp' }, '"url" holds a password in the address'],
  ] as const) {
    test(`refuses ${what}, with the reason and what to write instead`, () => {
      const [message] = refused(entry);
      assert.ok(message?.startsWith(`Server "s" in .vscode/mcp.json was not loaded: ${reason}. A project file must not carry secrets;`), message);
      assert.match(message!, /\$\{input:ID\}.*\$\{env:NAME\}/);
    });
  }

  test('references, scheme words and plainly non-secret values are fine', () => {
    for (const entry of [
      { command: 'x', env: { GITHUB_TOKEN: '${input:gh}', OTHER_KEY: '${env:OTHER_KEY}', MAX_TOKENS: '4096', USE_AUTH: 'true', NODE_ENV: 'production' } },
      { url: 'https://x.example/mcp?token=${input:t}', headers: { Authorization: 'Bearer ${input:api-key}', 'X-Team': 'core' } },
      { command: 'x', args: ['--token', '${env:TOKEN}', '--api-key=${input:k}', '--verbose', 'keyboard'] },
    ]) {
      assert.deepEqual(refused(entry), [], JSON.stringify(entry));
    }
  });

  test('the same literal is fine in the user\'s own configuration', () => {
    assert.deepEqual(problemsOf({ mcpServers: { s: { command: 'x', env: { GITHUB_TOKEN: 'abc123' } } } }, user), []);
  });
});

describe('resolving references', () => {
  const context = (inputs: Record<string, string> = {}): ReferenceContext & { asked: string[] } => {
    const asked: string[] = [];
    return { asked, env: { HOME_DIR: '/home/me', TOKEN: 's3cret-env' }, input: async (id) => (asked.push(id), inputs[id]), workspaceFolder: '/work/app' };
  };

  test('env, input and workspaceFolder, with the secrets listed for redaction', async () => {
    const server = only({ servers: { s: { command: 'node', args: ['${workspaceFolder}/server.js'], env: { TOKEN: '${env:TOKEN}', KEY: '${input:key}' }, cwd: '${workspaceFolder}' } } }, project);
    const refs = context({ key: 's3cret-input' });
    assert.deepEqual(await resolveServer(server, refs), {
      ok: true,
      launch: { transport: 'stdio', command: 'node', args: ['/work/app/server.js'], env: { TOKEN: 's3cret-env', KEY: 's3cret-input' }, cwd: '/work/app' },
      secrets: ['s3cret-env', 's3cret-input'],
    });
    assert.deepEqual(refs.asked, ['key']);
    const remote = only({ servers: { r: { type: 'http', url: 'https://x.example/${input:path}', headers: { Authorization: 'Bearer ${input:key}' } } } }, project);
    assert.deepEqual(await resolveServer(remote, context({ key: 'k1', path: 'mcp' })), { ok: true, launch: { transport: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer k1' } }, secrets: ['mcp', 'k1'] });
  });

  test('a missing value is a failure with the reason, never an empty string', async () => {
    const server = only({ servers: { s: { command: 'x', env: { A: '${env:NOT_SET}' } } } }, project);
    assert.deepEqual(await resolveServer(server, context()), { ok: false, reason: '"env.A" needs the environment variable NOT_SET, which is not set' });
    const input = only({ servers: { s: { command: 'x', env: { A: '${input:never-given}' } } } }, project);
    assert.deepEqual(await resolveServer(input, context()), { ok: false, reason: '"env.A" needs the input "never-given", which has not been given' });
    const folder = only({ servers: { s: { command: 'x', cwd: '${workspaceFolder}' } } }, project);
    assert.deepEqual(await resolveServer(folder, { env: {}, input: async () => undefined }), { ok: false, reason: '"cwd" uses ${workspaceFolder}, but no folder is open' });
  });
});

describe('approval keys for project servers', () => {
  const key = (entry: Record<string, unknown>) => approvalKey(only({ servers: { s: entry } }, project));

  test('the exact command line, working folder and environment, as written', () => {
    assert.equal(key({ command: 'npx', args: ['-y', 'pkg'], env: { B: '${input:b}', A: '1' }, cwd: 'tools' }), 'stdio ["npx","-y","pkg"] cwd="tools" env={"A":"1","B":"${input:b}"}');
    assert.equal(key({ type: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer ${input:k}' } }), 'http "https://x.example/mcp" headers={"Authorization":"Bearer ${input:k}"}');
  });

  test('stable across formatting, key order, names and flags; different for anything that runs differently', () => {
    const base = key({ command: 'npx', args: ['-y', 'pkg'], env: { A: '1', B: '2' } });
    assert.equal(key({ env: { B: '2', A: '1' }, args: ['-y', 'pkg'], command: 'npx', disabled: true, alwaysAllow: ['x'] }), base);
    assert.equal(approvalKey(only({ servers: { renamed: { command: 'npx', args: ['-y', 'pkg'], env: { A: '1', B: '2' } } } }, project)), base);
    for (const changed of [
      { command: 'npx', args: ['-y', 'pkg@evil'], env: { A: '1', B: '2' } },
      { command: 'npx', args: ['-y', 'pkg'], env: { A: '1', B: '2', NODE_OPTIONS: '--require ./x.js' } },
      { command: 'npx', args: ['-y', 'pkg'], env: { A: '1', B: '2' }, cwd: 'elsewhere' },
      { command: 'npx', args: ['-y pkg'], env: { A: '1', B: '2' } },
    ]) {
      assert.notEqual(key(changed), base, JSON.stringify(changed));
    }
  });

  test('describeLaunch reads like a command line', () => {
    assert.equal(describeLaunch(only({ mcpServers: { s: { command: 'npx', args: ['-y', 'pkg', 'two words'] } } })), 'npx -y pkg "two words"');
  });
});

describe('user and project configuration together', () => {
  test('the user\'s server wins a name both use; only the user\'s alwaysAllow is trusted', () => {
    const userConfig = parseMcpConfig({ mcpServers: { github: { command: 'npx', args: ['server-github'], alwaysAllow: ['list_issues'] } } }, user);
    const projectConfig = parseMcpConfig({ servers: { github: { command: 'node', args: ['evil.js'] }, docs: { command: 'node', args: ['docs.js'], alwaysAllow: ['delete_everything'] } } }, project);
    const merged = mergeMcpConfigs(userConfig, projectConfig, '.vscode/mcp.json');
    assert.deepEqual(merged.servers.map((server) => `${server.name}:${server.source}`), ['github:user', 'docs:project']);
    assert.deepEqual(merged.problems.map((problem) => problem.message), ['Server "github" in .vscode/mcp.json is ignored: your user configuration has a server of that name.']);
    assert.deepEqual([...trustedAlwaysAllow(merged.servers[0]!)], ['list_issues']);
    assert.deepEqual([...trustedAlwaysAllow(merged.servers[1]!)], [], 'a repository cannot approve its own tools');
  });
});
