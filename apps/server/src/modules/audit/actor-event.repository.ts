import type { AppDatabase } from '../../db/database.js';
import { appendEvent } from './audit.repository.js';
import type { PendingEvent } from './audit.repository.js';

/**
 * The event of the person who made a change on a cooperative's behalf (a staff member of the
 * business panel), for their own chain: appended in the transaction of the change, so that both
 * commit together or neither does. The cooperative API's own calls have none.
 */
export interface ActorEvent {
  subjectId: string;
  event: PendingEvent;
}

/** Appends the actor's event, when there is one, in `tx` (the change's transaction). */
export async function appendActorEvent(
  tx: AppDatabase,
  actor: ActorEvent | undefined,
): Promise<void> {
  if (actor) await appendEvent(tx, actor.subjectId, actor.event);
}
