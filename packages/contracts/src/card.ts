import { z } from 'zod';
import { symmetricEnvelopeSchema } from './auth.js';

export const CARD_KINDS = ['individual', 'entrepreneur', 'organization'] as const;

/**
 * Plain metadata of a card, bound into the AAD of its envelope on the client: the server can
 * read it (to route migrations, count kinds) but cannot change it unnoticed.
 */
export const cardMetaSchema = z.object({
  /** Version of the card's data format; client-side migrations run by it. */
  version: z.number().int().min(1).max(1000),
  /** `$id` of the JSON Schema the plaintext was validated against. */
  schema: z.url().max(200),
  kind: z.enum(CARD_KINDS),
});
export type CardMeta = z.infer<typeof cardMetaSchema>;

export const issueCardSchema = z.object({ card: symmetricEnvelopeSchema, meta: cardMetaSchema });

export const updateCardSchema = issueCardSchema.extend({
  /** The revision this write is based on; a stale one is refused with 409 CONFLICT. */
  expected_revision: z.number().int().min(1),
});

export const cardIssuedSchema = z.object({
  card_id: z.uuid(),
  revision: z.number().int(),
  status: z.literal('issued'),
});
export type CardIssued = z.infer<typeof cardIssuedSchema>;

export const storedCardSchema = z.object({
  card_id: z.uuid(),
  revision: z.number().int(),
  meta: cardMetaSchema,
  card: symmetricEnvelopeSchema,
  updated_at: z.string(),
});
export type StoredCard = z.infer<typeof storedCardSchema>;

export const cardRevisionSchema = z.object({ card_id: z.uuid(), revision: z.number().int() });
export type CardRevision = z.infer<typeof cardRevisionSchema>;
