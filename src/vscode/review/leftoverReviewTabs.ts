// Tabs of reviews that have ended. A review lives in memory, so a window reload ends it, but VS Code restores
// its diff tab, which would then show "file not found" for the proposal: such tabs are closed, at activation
// and whenever one opens (the workbench may restore editors after the extension has started).
import * as vscode from 'vscode';
import { PROPOSAL_SCHEME } from './proposalFiles';
import { REVIEW_BASE_SCHEME } from './reviewBaseDocuments';

const reviewSchemes = new Set([PROPOSAL_SCHEME, REVIEW_BASE_SCHEME]);

function urisOf(tab: vscode.Tab): vscode.Uri[] {
  if (tab.input instanceof vscode.TabInputTextDiff) return [tab.input.original, tab.input.modified];
  return tab.input instanceof vscode.TabInputText ? [tab.input.uri] : [];
}

export function closeLeftoverReviewTabs(isOpenReview: (uri: vscode.Uri) => boolean, log: { debug(message: string): void }): vscode.Disposable {
  const closeLeftovers = (tabs: readonly vscode.Tab[]) => {
    const leftovers = tabs.filter((tab) => urisOf(tab).some((uri) => reviewSchemes.has(uri.scheme) && !isOpenReview(uri)));
    if (leftovers.length === 0) return;
    vscode.window.tabGroups.close(leftovers, true).then(undefined, (error: unknown) => log.debug(`Could not close an ended review's tab: ${error instanceof Error ? error.message : String(error)}`));
  };
  closeLeftovers(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
  return vscode.window.tabGroups.onDidChangeTabs((event) => closeLeftovers(event.opened));
}
