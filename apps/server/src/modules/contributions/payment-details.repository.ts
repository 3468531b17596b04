import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { PaymentDetails } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { paymentDetails } from '../../db/schema/index.js';

@Injectable()
export class PaymentDetailsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Sets (or replaces) the cooperative's bank details. */
  async set(coopname: string, details: PaymentDetails): Promise<void> {
    await this.database.primary
      .insert(paymentDetails)
      .values({ coopname, details })
      .onConflictDoUpdate({
        target: paymentDetails.coopname,
        set: { details, updatedAt: sql`now()` },
      });
  }
}
