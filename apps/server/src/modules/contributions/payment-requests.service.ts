import { Inject, Injectable } from '@nestjs/common';
import type {
  PaymentConfirmation,
  PaymentDetails,
  PaymentRequest,
  PaymentRequestInput,
  PaymentRequestList,
  PaymentRequestStatus,
} from '@cardcoop/contracts';
import { AppError, isUniqueViolation } from '../../common/errors/app-error.js';
import { appendActorEvent } from '../audit/actor-event.repository.js';
import type { ActorEvent } from '../audit/actor-event.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { ContributionNotices } from './contribution-notices.js';
import { toPaymentRequest } from './contribution-view.js';
import { requestCursor } from './page-cursor.js';
import { PaymentDetailsRepository } from './payment-details.repository.js';
import { PaymentRequestsRepository } from './payment-requests.repository.js';
import type { WithChange } from './payment-requests.repository.js';
import type { PaymentRequestRow } from './payment-request-rules.js';

const conflict = () => new AppError('CONFLICT', 409);

/** `then`, and the actor's event after it, in the change's transaction (made changes only). */
const withActor =
  (then: WithChange, actor: ActorEvent | undefined): WithChange =>
  async (tx, change) => {
    await then(tx, change);
    await appendActorEvent(tx, actor);
  };

/**
 * What a cooperative does about contributions over its API: its bank details, payment requests
 * to its members, their cancellation and confirmation. Every change a member can see is in
 * their history (`contribution.requested`, `.changed`, `.cancelled`, `.paid`), and is told
 * through `ContributionNotices`, written in the change's transaction.
 */
@Injectable()
export class PaymentRequestsService {
  constructor(
    @Inject(PaymentDetailsRepository) private readonly details: PaymentDetailsRepository,
    @Inject(PaymentRequestsRepository) private readonly requests: PaymentRequestsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ContributionNotices) private readonly notices: ContributionNotices,
  ) {}

  /** Sets the bank details; `actor`: the staff member's event, committed with them. */
  setDetails(coopname: string, details: PaymentDetails, actor?: ActorEvent): Promise<void> {
    return this.details.set(coopname, details, actor);
  }

  /** The cooperative's bank details; `NOT_FOUND` before they are set. */
  async getDetails(coopname: string): Promise<PaymentDetails> {
    const details = await this.details.get(coopname);
    if (!details) throw new AppError('NOT_FOUND', 404);
    return details;
  }

  /**
   * Creates or changes the request `externalId`: `COOPERATIVE_NOT_READY` before the payment
   * details are set, `NOT_FOUND` when the username is no open account of this cooperative,
   * `CONFLICT` for another member or a paid or cancelled request changed. The same body again
   * is the same answer. `actor`: the staff member's event, committed with a change made.
   */
  async issue(
    coopname: string,
    externalId: string,
    input: PaymentRequestInput,
    actor?: ActorEvent,
  ): Promise<{ created: boolean; request: PaymentRequest }> {
    const event = (type: string) => (userId: string) =>
      this.audit.eventFor(userId, type, {
        coopname,
        amount: input.amount.amount,
        currency: input.amount.currency,
        due_date: input.due_date,
      });
    const notices = this.notices.ofChange();
    const result = await this.requests.issue(
      coopname,
      externalId,
      input,
      { requested: event('contribution.requested'), changed: event('contribution.changed') },
      withActor(notices.then, actor),
    );
    notices.committed();
    switch (result.outcome) {
      case 'not_ready':
        throw new AppError('COOPERATIVE_NOT_READY', 409);
      case 'no_account':
        throw new AppError('NOT_FOUND', 404);
      case 'conflict':
        throw conflict();
    }
    return { created: result.outcome === 'created', request: toPaymentRequest(result.row) };
  }

  /** Cancels a request still to be paid; again is the same; a paid one is a `CONFLICT`. */
  async cancel(coopname: string, externalId: string, actor?: ActorEvent): Promise<void> {
    const result = await this.requests.cancel(
      coopname,
      externalId,
      (userId) => this.audit.eventFor(userId, 'contribution.cancelled', { coopname }),
      withActor(this.notices.ofChange().then, actor),
    );
    if (result.outcome === 'not_found') throw new AppError('NOT_FOUND', 404);
    if (result.outcome === 'conflict') throw conflict();
  }

  /**
   * The cooperative received the payment: idempotent by its `payment_id` (the same body again is
   * the same answer); `CONFLICT` for another payment of a paid request, a cancelled request, or
   * a payment id this cooperative used for another request; `VALIDATION_FAILED` for a sum other
   * than the one requested.
   */
  async confirm(
    coopname: string,
    externalId: string,
    confirmation: PaymentConfirmation,
    actor?: ActorEvent,
  ): Promise<PaymentRequest> {
    const notices = this.notices.ofChange();
    let result;
    try {
      result = await this.requests.confirm(
        coopname,
        externalId,
        confirmation,
        (userId) =>
          this.audit.eventFor(userId, 'contribution.paid', {
            coopname,
            amount: confirmation.amount.amount,
            currency: confirmation.amount.currency,
          }),
        withActor(notices.then, actor),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 409, { cause: error });
      throw error;
    }
    switch (result.outcome) {
      case 'not_found':
        throw new AppError('NOT_FOUND', 404);
      case 'conflict':
        throw conflict();
      case 'amount_mismatch':
        throw new AppError('VALIDATION_FAILED', 422, {
          details: [{ path: 'amount', code: 'custom', message: 'not the sum requested' }],
        });
    }
    notices.committed();
    return toPaymentRequest(result.row);
  }

  async list(
    coopname: string,
    query: {
      status?: PaymentRequestStatus | undefined;
      username?: string | undefined;
      after?: string | undefined;
      limit: number;
    },
  ): Promise<PaymentRequestList> {
    const rows: PaymentRequestRow[] = await this.requests.listOfCooperative(
      coopname,
      query,
      requestCursor.decode(query.after),
      query.limit,
    );
    return {
      payment_requests: rows.map(toPaymentRequest),
      next: requestCursor.next(rows, query.limit),
    };
  }
}
