// The read-only left side of a review diff: the file as it was when the change was proposed (updated as
// hunks are accepted), served from memory under the `kimi-review-base` scheme, named like the file under the
// review id as the authority, as the proposal on the right is.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export const REVIEW_BASE_SCHEME = 'kimi-review-base';

export class ReviewBaseDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(REVIEW_BASE_SCHEME, this));
  }

  uriOf(reviewId: string, relativePath: string): vscode.Uri {
    return vscode.Uri.from({ scheme: REVIEW_BASE_SCHEME, authority: reviewId, path: `/${relativePath}` });
  }

  set(reviewId: string, relativePath: string, text: string): void {
    const uri = this.uriOf(reviewId, relativePath);
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  remove(reviewId: string, relativePath: string): void {
    this.texts.delete(this.uriOf(reviewId, relativePath).toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
