// Loads the local files a previewed page references, for inlining: only inside the page's workspace folder
// (links followed and checked), never a deny-listed file (.env, keys: a page cannot smuggle them into a snapshot
// that goes to the model), and each at most a few MB.
import { readFile, stat } from 'node:fs/promises';
import { extname, posix } from 'node:path';
import * as vscode from 'vscode';
import type { AssetLoader, LoadedAsset } from '../../common/preview/pageAssets';
import { confineToolPath, sensitiveToolPath } from '../../common/tools/toolPaths';
import { nodeFileSystem } from '../../node/nodeWorkspace';

const maxAssetBytes = 3 * 1024 * 1024;

const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** The loader for a page at `pageUri` (a file in a workspace folder); undefined when the page is outside every folder. */
export function workspaceAssetLoader(pageUri: vscode.Uri): AssetLoader | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(pageUri);
  if (!folder || folder.uri.scheme !== 'file' || pageUri.scheme !== 'file') return undefined;
  const root = folder.uri.fsPath;
  const pageDirectory = posix.dirname(vscode.workspace.asRelativePath(pageUri, false).replace(/\\/g, '/'));
  return async (reference, as): Promise<LoadedAsset | undefined> => {
    const requested = posix.normalize(posix.join(pageDirectory === '.' ? '' : pageDirectory, reference));
    const confined = await confineToolPath(root, requested, { fileSystem: nodeFileSystem });
    if (!confined.ok || sensitiveToolPath(confined).denied) return undefined;
    try {
      if ((await stat(confined.absolutePath)).size > maxAssetBytes) return undefined;
      const bytes = await readFile(confined.absolutePath);
      if (as === 'text') return { kind: 'text', text: bytes.toString('utf8') };
      const mime = mimeTypes[extname(confined.absolutePath).toLowerCase()];
      return mime ? { kind: 'dataUrl', dataUrl: `data:${mime};base64,${bytes.toString('base64')}` } : undefined;
    } catch {
      return undefined;
    }
  };
}
