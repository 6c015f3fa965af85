// Imported first by the webview entry: the CSP forbids eval, so zod must not probe for it (each probe is
// reported as a CSP violation). It probes when the first schema is built, hence a module of its own.
import { z } from 'zod';

z.config({ jitless: true });
