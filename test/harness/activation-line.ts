// The line the activation probe prints inside the host, shared with scripts/bench/activation.ts
// (which must not import the probe: the probe needs the `vscode` module).
export const ACTIVATION_PREFIX = 'kimi-activation ';
