import { Inject, Injectable } from '@nestjs/common';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { MoneySettlement } from './money-settlement.js';

const EVERY_MS = 15_000;
/** A request still in flight is left alone: the client's own timeout is shorter than this. */
const OLDER_THAN_SECONDS = 20;

/**
 * Every 15 s, one node (the scheduler's lock) asks the provider about top-ups left pending (no
 * usable answer, no webhook yet) and settles them: the member's "pending" never stays for good.
 */
@Injectable()
export class SettlementJob {
  constructor(
    @Inject(MoneySettlement) private readonly settlement: MoneySettlement,
    @Inject(Scheduler) scheduler: Scheduler,
  ) {
    scheduler.every('money-settlement', EVERY_MS, () =>
      this.settlement.settlePending(OLDER_THAN_SECONDS),
    );
  }
}
