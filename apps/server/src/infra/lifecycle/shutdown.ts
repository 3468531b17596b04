import type { INestApplication } from '@nestjs/common';
import type { Config } from '../../config/config.schema.js';
import { Lifecycle } from './lifecycle.js';

/**
 * Readiness turns 503 at once; the node keeps serving for `drainMs` so load balancers take it
 * out of rotation, then stops accepting connections and lets in-flight requests finish before
 * the database and cache are closed.
 */
export async function drainAndClose(
  app: INestApplication,
  shutdown: Config['shutdown'],
): Promise<void> {
  app.get(Lifecycle).startDraining();
  await new Promise((resolve) => setTimeout(resolve, shutdown.drainMs));
  await app.close();
}
