// Entry point of dist/server.js: `node dist/server.js --stdio` (also --node-ipc or --socket=N, as
// vscode-languageserver reads them from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startKimiLanguageServer } from './kimiLanguageServer';

declare const KIMI_SERVER_VERSION: string | undefined;

const version = typeof KIMI_SERVER_VERSION === 'string' ? KIMI_SERVER_VERSION : '0.0.0-dev';
if (process.argv.includes('--version')) {
  process.stdout.write(`${version}\n`);
} else {
  startKimiLanguageServer(createConnection(ProposedFeatures.all), version);
}
