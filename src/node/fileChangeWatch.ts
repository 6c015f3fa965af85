// Tells at once when one local file changes on disk. VS Code's file watcher batches and delays its events (a
// few hundred milliseconds here); the preview wants a page saved by another program repainted sooner. The
// folder is watched rather than the file, so a save that replaces the file (write to a temporary file, then
// rename) is seen too. Best effort: where the platform cannot watch, nothing is reported and VS Code's own
// watcher still brings the change, later.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileChangeWatch {
  close(): void;
}

export function watchFileChanges(filePath: string, onChange: () => void): FileChangeWatch {
  const name = basename(filePath);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(filePath), { persistent: false }, (_event, changed) => {
      if (changed === null || changed.toString() === name) onChange();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return { close: () => watcher?.close() };
}
