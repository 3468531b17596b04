import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type {
  PaymentConfirmation,
  PaymentDetails,
  PaymentRequestInput,
  PaymentRequestStatus,
} from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cardAccounts,
  cooperatives,
  paymentDetails,
  paymentRequests,
} from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { RequestCursor } from './page-cursor.js';
import { decideCancel, decideConfirm, decideIssue } from './payment-request-rules.js';
import type {
  CancelDecision,
  ConfirmDecision,
  IssueDecision,
  PaymentRequestRow,
} from './payment-request-rules.js';
import { webhooks } from '../webhooks/webhook-events.js';

/** The audit event of a change to a member's request: drafted for its member, once known. */
export type EventFor = (userId: string) => PendingEvent;

export type IssueOutcome =
  | { outcome: 'not_ready' | 'no_account' | 'conflict' }
  | { outcome: 'created' | 'same' | 'update'; row: PaymentRequestRow; userId: string };
export type ChangeOutcome<D extends string> =
  { outcome: 'not_found' } | { outcome: D; row: PaymentRequestRow; userId: string | null };

/** A change made: created or updated (issue), or the request confirmed or cancelled. */
export interface MadeChange {
  outcome: 'created' | 'update' | 'confirm' | 'cancel';
  row: PaymentRequestRow;
  userId: string | null;
}
/** Work done in the change's transaction once it is made (the member's notices, reminders). */
export type WithChange = (tx: AppDatabase, change: MadeChange) => Promise<void>;

export type ListedContribution = PaymentRequestRow & { displayName: string };

/**
 * The member-facing status filter, `overdue` being a requested one whose due date passed and
 * `unpaid` both (requested, whatever the due date).
 */
export type ContributionFilter = PaymentRequestStatus | 'overdue' | 'unpaid';

const columns = getTableColumns(paymentRequests);

/** The returning clause that appends the member's event, when the request still has one. */
function audited(userId: string | null, event: EventFor) {
  if (userId === null) return columns;
  const { draft, ipSealed } = event(userId);
  return { ...columns, auditEventId: appendEventSql(sql`${userId}::uuid`, draft, ipSealed) };
}

const byExternalId = (coopname: string, externalId: string) =>
  and(eq(paymentRequests.coopname, coopname), eq(paymentRequests.externalId, externalId));

/** The member (user id) of an account, closed or not; null once their user is deleted. */
async function memberOf(tx: AppDatabase, username: string): Promise<string | null> {
  const [account] = await tx
    .select({ userId: cardAccounts.userId })
    .from(cardAccounts)
    .where(eq(cardAccounts.username, username));
  return account?.userId ?? null;
}

@Injectable()
export class PaymentRequestsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Creates the request `externalId` of the cooperative, or applies a repeated `PUT` of it (see
   * `decideIssue`), appending the member's event in the statement of the change, in a
   * transaction that holds the member's open account and the request meanwhile. The cooperative
   * must have set its payment details; the username must be an open account of this cooperative.
   * `then` runs in the transaction after a creation or an update.
   */
  async issue(
    coopname: string,
    externalId: string,
    input: PaymentRequestInput,
    events: { requested: EventFor; changed: EventFor },
    then: WithChange,
  ): Promise<IssueOutcome> {
    return this.database.primary.transaction(async (tx) => {
      const [details] = await tx
        .select({ coopname: paymentDetails.coopname })
        .from(paymentDetails)
        .where(eq(paymentDetails.coopname, coopname));
      if (!details) return { outcome: 'not_ready' };
      const [account] = await tx
        .select({ userId: cardAccounts.userId })
        .from(cardAccounts)
        .where(
          and(
            eq(cardAccounts.username, input.username),
            eq(cardAccounts.coopname, coopname),
            isNull(cardAccounts.closedAt),
          ),
        )
        .for('share');
      const userId = account?.userId;
      if (!userId) return { outcome: 'no_account' };
      const fields = {
        kind: input.kind,
        amount: input.amount.amount,
        currency: input.amount.currency,
        dueDate: input.due_date,
        purpose: input.purpose,
      };
      const [created] = await tx
        .insert(paymentRequests)
        .values({ coopname, externalId, username: input.username, ...fields })
        .onConflictDoNothing({ target: [paymentRequests.coopname, paymentRequests.externalId] })
        .returning(audited(userId, events.requested));
      if (created) {
        await then(tx, { outcome: 'created', row: created, userId });
        return { outcome: 'created', row: created, userId };
      }
      const [row] = await tx
        .select()
        .from(paymentRequests)
        .where(byExternalId(coopname, externalId))
        .for('update');
      const decision: IssueDecision = decideIssue(row!, input);
      if (decision !== 'update') {
        return decision === 'same' ? { outcome: 'same', row: row!, userId } : { outcome: decision };
      }
      const [updated] = await tx
        .update(paymentRequests)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(paymentRequests.id, row!.id))
        .returning(audited(userId, events.changed));
      await then(tx, { outcome: 'update', row: updated!, userId });
      return { outcome: 'update', row: updated!, userId };
    });
  }

  /**
   * Runs `decide` on the locked request and, when it says so, `change` with the member's event
   * in the same statement, then `change.then`, all in one transaction.
   */
  private async transition<D extends string>(
    coopname: string,
    externalId: string,
    decide: (row: PaymentRequestRow) => D,
    apply: D & ('confirm' | 'cancel'),
    change: {
      set: Partial<typeof paymentRequests.$inferInsert>;
      event: EventFor;
      then: WithChange;
    },
  ): Promise<ChangeOutcome<D>> {
    return this.database.primary.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(paymentRequests)
        .where(byExternalId(coopname, externalId))
        .for('update');
      if (!row) return { outcome: 'not_found' };
      const decision = decide(row);
      const userId = await memberOf(tx, row.username);
      if (decision !== apply) return { outcome: decision, row, userId };
      const [changed] = await tx
        .update(paymentRequests)
        .set({ ...change.set, updatedAt: sql`now()` })
        .where(eq(paymentRequests.id, row.id))
        .returning(audited(userId, change.event));
      await change.then(tx, { outcome: apply, row: changed!, userId });
      if (apply === 'confirm')
        await webhooks.record(tx, {
          coopname,
          type: 'payment.confirmed',
          data: {
            username: changed!.username,
            payment_request_id: changed!.externalId,
            payment_id: changed!.paymentId,
            amount: changed!.amount,
            currency: changed!.currency,
            paid_at: changed!.paidAt?.toISOString() ?? null,
          },
        });
      return { outcome: decision, row: changed!, userId };
    });
  }

  /** Marks the request paid by the cooperative's payment (see `decideConfirm`). */
  confirm(
    coopname: string,
    externalId: string,
    confirmation: PaymentConfirmation,
    event: EventFor,
    then: WithChange,
  ): Promise<ChangeOutcome<ConfirmDecision>> {
    return this.transition(
      coopname,
      externalId,
      (row) => decideConfirm(row, confirmation),
      'confirm',
      {
        set: {
          status: 'paid',
          paymentId: confirmation.payment_id,
          paidAt: new Date(confirmation.paid_at),
        },
        event,
        then,
      },
    );
  }

  /** The request `id` with its member (null once their user is deleted). */
  async findWithMember(
    id: string,
  ): Promise<{ row: PaymentRequestRow; userId: string | null } | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    return row && { row, userId: await memberOf(this.database.primary, row.username) };
  }

  /** Cancels a request still to be paid (see `decideCancel`). */
  cancel(
    coopname: string,
    externalId: string,
    event: EventFor,
    then: WithChange,
  ): Promise<ChangeOutcome<CancelDecision>> {
    return this.transition(coopname, externalId, decideCancel, 'cancel', {
      set: { status: 'cancelled' },
      event,
      then,
    });
  }

  /** The cooperative's requests, oldest first, after the cursor. */
  async listOfCooperative(
    coopname: string,
    filter: { status?: PaymentRequestStatus | undefined; username?: string | undefined },
    after: RequestCursor | undefined,
    limit: number,
  ): Promise<PaymentRequestRow[]> {
    return this.database.primary
      .select()
      .from(paymentRequests)
      .where(
        and(
          eq(paymentRequests.coopname, coopname),
          filter.status === undefined ? undefined : eq(paymentRequests.status, filter.status),
          filter.username === undefined ? undefined : eq(paymentRequests.username, filter.username),
          after &&
            sql`(${paymentRequests.createdAt}, ${paymentRequests.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
        ),
      )
      .orderBy(asc(paymentRequests.createdAt), asc(paymentRequests.id))
      .limit(limit);
  }

  /** The requests addressed to any account of the member (closed ones too), newest first. */
  async listOfMember(
    userId: string,
    filter: { status?: ContributionFilter | undefined; coopname?: string | undefined },
    today: string,
    after: RequestCursor | undefined,
    limit: number,
  ): Promise<ListedContribution[]> {
    const rows = await this.database.primary
      .select({ request: paymentRequests, displayName: cooperatives.displayName })
      .from(paymentRequests)
      .innerJoin(cooperatives, eq(cooperatives.coopname, paymentRequests.coopname))
      .where(
        and(
          ofMember(userId),
          filter.status === undefined ? undefined : statusIs(filter.status, today),
          filter.coopname === undefined ? undefined : eq(paymentRequests.coopname, filter.coopname),
          after &&
            sql`(${paymentRequests.createdAt}, ${paymentRequests.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
        ),
      )
      .orderBy(desc(paymentRequests.createdAt), desc(paymentRequests.id))
      .limit(limit);
    return rows.map(({ request, displayName }) => ({ ...request, displayName }));
  }

  /** One request of the member's, with its cooperative's name and bank details. */
  async findOfMember(
    userId: string,
    id: string,
  ): Promise<(ListedContribution & { details: PaymentDetails }) | undefined> {
    const [row] = await this.database.primary
      .select({
        request: paymentRequests,
        displayName: cooperatives.displayName,
        details: paymentDetails.details,
      })
      .from(paymentRequests)
      .innerJoin(cooperatives, eq(cooperatives.coopname, paymentRequests.coopname))
      .innerJoin(paymentDetails, eq(paymentDetails.coopname, paymentRequests.coopname))
      .where(and(eq(paymentRequests.id, id), ofMember(userId)));
    return row && { ...row.request, displayName: row.displayName, details: row.details };
  }
}

/** Requests addressed to one of the member's accounts (usernames are never reused). */
function ofMember(userId: string): SQL {
  return sql`${paymentRequests.username} in (select ${cardAccounts.username} from ${cardAccounts} where ${cardAccounts.userId} = ${userId}::uuid)`;
}

function statusIs(status: ContributionFilter, today: string): SQL | undefined {
  if (status === 'unpaid') return eq(paymentRequests.status, 'requested');
  if (status === 'overdue') {
    return and(
      eq(paymentRequests.status, 'requested'),
      sql`${paymentRequests.dueDate} < ${today}::date`,
    );
  }
  if (status === 'requested') {
    return and(
      eq(paymentRequests.status, 'requested'),
      sql`${paymentRequests.dueDate} >= ${today}::date`,
    );
  }
  return eq(paymentRequests.status, status);
}
