import { Inject, Injectable } from '@nestjs/common';
import type {
  CardIssued,
  CardMeta,
  CardRevision,
  StoredCard,
  SymmetricEnvelope,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { sameJson } from '../../common/same-json.js';
import { AuditService } from '../audit/audit.service.js';
import { MemberEvents } from '../realtime/member-events.js';
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
    @Inject(MemberEvents) private readonly events: MemberEvents,
  ) {}

  async issue(userId: string, write: CardWrite, ip: string): Promise<CardIssued> {
    const event = this.audit.eventFor(userId, 'card.issued', { kind: write.meta.kind }, ip);
    const row = await this.cards.insert(userId, write.meta, write.card, event);
    if (!row) {
      // A retry of this very issue whose answer was lost gets the same answer, not a 409.
      const current = await this.cards.findByUser(userId);
      if (current?.revision === 1 && sameWrite(current, write))
        return { card_id: current.id, revision: 1, status: 'issued' };
      throw new AppError('CONFLICT', 409);
    }
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
    // Compare-and-swap: the revision written is known before the write.
    const revision = expectedRevision + 1;
    const event = this.audit.eventFor(userId, 'card.updated', { revision }, ip);
    const row = await this.cards.update(userId, expectedRevision, write.meta, write.card, event);
    if (!row) {
      const current = await this.cards.findByUser(userId);
      if (!current) throw new AppError('NOT_FOUND', 404);
      // A retry of this very write whose answer was lost (the envelope's random IV makes an
      // identical one the same write) gets the same answer; anything else is a stale write.
      if (current.revision === revision && sameWrite(current, write))
        return { card_id: current.id, revision };
      throw new AppError('CONFLICT', 409);
    }
    this.events.publish(userId, { type: 'card.changed', revision: row.revision });
    return { card_id: row.id, revision: row.revision };
  }
}

function sameWrite(row: CardRow, write: CardWrite): boolean {
  return sameJson(row.envelope, write.card) && sameJson(row.meta, write.meta);
}

function toStored(row: CardRow): StoredCard {
  return {
    card_id: row.id,
    revision: row.revision,
    meta: row.meta,
    card: row.envelope,
    updated_at: row.updatedAt.toISOString(),
  };
}
