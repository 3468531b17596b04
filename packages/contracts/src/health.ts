import { z } from 'zod';

export const componentStatusSchema = z.enum(['up', 'down']);

/** `GET /health/live`: the process answers; nothing about its dependencies. */
export const livenessSchema = z.object({ status: z.literal('alive') });

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready', 'draining']),
  checks: z.object({ database: componentStatusSchema, cache: componentStatusSchema }),
});

export type Readiness = z.infer<typeof readinessSchema>;
