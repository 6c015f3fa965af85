// How the Kimi language server process is started, shared by the VS Code client and the bench so the bench
// measures the process the extension runs.

/**
 * A small young generation (the server's garbage is short-lived request text; V8's default 16 MB semi-spaces let
 * resident memory grow by tens of megabytes for nothing), V8's size-over-speed mode, and no V8 worker threads
 * (`--single-threaded`: garbage collection and compilation run on the main thread; each worker thread kept its own
 * heap and stacks). Resident memory after the whole bench (scripts/bench/languageServer.ts): 96 MB with no
 * flags, 84-86 MB with the first two, 74.7-75.1 MB with all three; the latency figures stay within their targets.
 */
export const languageServerNodeArgs: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size', '--single-threaded'];
