// How the Kimi language server process is started, shared by the VS Code client and the bench so the bench
// measures the process the extension runs.

/**
 * A small young generation (the server's garbage is short-lived request text; V8's default 16 MB semi-spaces let
 * resident memory grow by tens of megabytes for nothing) and V8's size-over-speed mode. Measured after 60
 * completions against the fake server: 96 MB with no flags, 84 MB with the first, 73 MB with both; the latency
 * figures of scripts/bench/languageServer.ts stay within their targets.
 */
export const languageServerNodeArgs: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];
