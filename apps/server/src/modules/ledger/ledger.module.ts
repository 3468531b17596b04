import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { MoneyOperationsRepository } from './money-operations.repository.js';

/** The double-entry ledger and the money operations it records (ADR 021). No endpoints. */
@Module({
  providers: [LedgerRepository, MoneyOperationsRepository, LedgerService],
  exports: [LedgerRepository, MoneyOperationsRepository, LedgerService],
})
export class LedgerModule {}
