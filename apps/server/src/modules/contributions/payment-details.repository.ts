import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { PaymentDetails } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { paymentDetails } from '../../db/schema/index.js';
import { appendActorEvent } from '../audit/actor-event.repository.js';
import type { ActorEvent } from '../audit/actor-event.repository.js';

@Injectable()
export class PaymentDetailsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Sets (or replaces) the cooperative's bank details, with the actor's event (when a staff
   * member sets them) in the same transaction.
   */
  async set(coopname: string, details: PaymentDetails, actor?: ActorEvent): Promise<void> {
    await this.database.primary.transaction(async (tx) => {
      await tx
        .insert(paymentDetails)
        .values({ coopname, details })
        .onConflictDoUpdate({
          target: paymentDetails.coopname,
          set: { details, updatedAt: sql`now()` },
        });
      await appendActorEvent(tx, actor);
    });
  }

  /** The cooperative's bank details, if it set them. */
  async get(coopname: string): Promise<PaymentDetails | undefined> {
    const [row] = await this.database.primary
      .select({ details: paymentDetails.details })
      .from(paymentDetails)
      .where(eq(paymentDetails.coopname, coopname));
    return row?.details;
  }
}
