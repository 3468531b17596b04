import { z } from 'zod';

// zod compiles fast parsers with `new Function` when it may; our CSP forbids that (no
// 'unsafe-eval', Trusted Types), and its probe would log a violation on every page. Parse
// without code generation instead.
z.config({ jitless: true });
