// How the Kimi language server process is started, shared by the VS Code client and the bench so the bench
// measures the process the extension runs.

/**
 * A small young generation: the server's garbage is short-lived request text, and V8's default (16 MB semi-spaces)
 * would let resident memory grow by tens of megabytes for nothing.
 */
export const languageServerNodeArgs: readonly string[] = ['--max-semi-space-size=1'];
