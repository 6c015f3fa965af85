// Everything a run leaves behind that a user, a log reader or a provider could see: log lines, errors,
// protocol messages, request bodies sent to the model, and the folders written to disk. The secrets case
// greps all of it for the API key at the end of the run.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ArtifactSource = 'client log' | 'host log' | 'error' | 'protocol message' | 'request body' | 'file on disk';

export interface Artifact {
  source: ArtifactSource;
  /** Which case produced it. */
  origin: string;
  text: string;
}

export class ArtifactLog {
  private readonly texts: Artifact[] = [];
  private readonly folders: { origin: string; path: string }[] = [];

  add(source: ArtifactSource, origin: string, text: string): void {
    this.texts.push({ source, origin, text });
  }

  /** A folder whose files are read (recursively) when the log is searched. */
  addFolder(origin: string, path: string): void {
    this.folders.push({ origin, path });
  }

  /** Every artifact, the folders' files read now. */
  async all(): Promise<Artifact[]> {
    const files: Artifact[] = [];
    for (const folder of this.folders) {
      for (const path of await listFiles(folder.path)) {
        files.push({ source: 'file on disk', origin: `${folder.origin}: ${path}`, text: await readFile(path, 'utf8').catch(() => '') });
      }
    }
    return [...this.texts, ...files];
  }
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return listFiles(path);
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}
