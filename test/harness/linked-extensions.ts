// An extensions folder whose profile lists extensions that stay where they are (a fixture folder of this
// repository), the way VS Code records an installed extension: one entry per extension in extensions.json.
// The workbench takes a single extension development path, so a second extension comes in this way.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Manifest {
  name: string;
  publisher: string;
  version: string;
}

export function writeLinkedExtensions(extensionsDir: string, extensionFolders: string[]): void {
  mkdirSync(extensionsDir, { recursive: true });
  const entries = extensionFolders.map((folder) => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
    return {
      identifier: { id: `${manifest.publisher}.${manifest.name}` },
      version: manifest.version,
      location: { $mid: 1, path: folder, scheme: 'file', external: pathToFileURL(folder).href },
      metadata: { installedTimestamp: Date.now(), source: 'resource' },
    };
  });
  writeFileSync(join(extensionsDir, 'extensions.json'), JSON.stringify(entries));
}
