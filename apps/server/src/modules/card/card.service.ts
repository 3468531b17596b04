import { Inject, Injectable } from '@nestjs/common';
import type {
  CardIssued,
  CardMeta,
  CardRevision,
  StoredCard,
  SymmetricEnvelope,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { CardRepository } from './card.repository.js';
import type { CardRow } from './card.repository.js';

export interface CardWrite {
  card: SymmetricEnvelope;
  meta: CardMeta;
}

/**
 * The card vault. The server stores an envelope it cannot open; what it guarantees is one card
 * per member, and that no write silently overwrites another (revisions).
 */
@Injectable()
export class CardService {
  constructor(
    @Inject(CardRepository) private readonly cards: CardRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async issue(userId: string, write: CardWrite, ip: string): Promise<CardIssued> {
    const row = await this.cards.insert(userId, write.meta, write.card);
    if (!row) throw new AppError('CONFLICT', 409);
    await this.audit.record(userId, 'card.issued', { kind: write.meta.kind }, ip);
    return { card_id: row.id, revision: row.revision, status: 'issued' };
  }

  async get(userId: string): Promise<StoredCard> {
    const row = await this.cards.findByUser(userId);
    if (!row) throw new AppError('NOT_FOUND', 404);
    return toStored(row);
  }

  async update(
    userId: string,
    expectedRevision: number,
    write: CardWrite,
    ip: string,
  ): Promise<CardRevision> {
    const row = await this.cards.update(userId, expectedRevision, write.meta, write.card);
    if (!row) {
      if (!(await this.cards.findByUser(userId))) throw new AppError('NOT_FOUND', 404);
      throw new AppError('CONFLICT', 409);
    }
    await this.audit.record(userId, 'card.updated', { revision: row.revision }, ip);
    return { card_id: row.id, revision: row.revision };
  }
}

function toStored(row: CardRow): StoredCard {
  return {
    card_id: row.id,
    revision: row.revision,
    meta: row.meta as CardMeta,
    card: row.envelope as SymmetricEnvelope,
    updated_at: row.updatedAt.toISOString(),
  };
}
