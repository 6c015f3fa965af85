// Tells soon when one local file changes on disk. VS Code's file watcher batches and delays its events (about
// 100 ms here, more under load); the preview wants a page saved by another program repainted sooner. The
// folder is watched rather than the file, so a save that replaces the file (write to a temporary file, then
// rename) is seen too. Best effort: where the platform cannot watch, nothing is reported and VS Code's own
// watcher still brings the change, later.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileChangeWatch {
  close(): void;
}

/**
 * A save is several events (truncate, write, rename): `onChange` runs once they have been quiet for `quietMs`,
 * so a half-written file is not what gets read.
 */
export function watchFileChanges(filePath: string, onChange: () => void, quietMs = 10): FileChangeWatch {
  const name = basename(filePath);
  let watcher: FSWatcher | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, quietMs);
  };
  try {
    watcher = watch(dirname(filePath), { persistent: false }, (_event, file) => {
      if (file === null || file.toString() === name) changed();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return {
    close: () => {
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    },
  };
}
