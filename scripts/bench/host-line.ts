// The marker on host benchmark lines, shared by the probe (in the extension host) and the runner.
export const HOST_BENCH_PREFIX = 'kimi-host-bench ';
