import { z } from 'zod';
import { antelopeNameSchema } from './card.js';

/**
 * Suggestions the server can make from what it knows (the card itself it cannot read): each a
 * stable kind. A kind never changes meaning once released; new rules get new kinds.
 */
export const RECOMMENDATION_KINDS = [
  'totp_off',
  'recovery_kit_unconfirmed',
  'contribution_due',
  'meeting_unanswered',
  'membership_confirmed',
] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/**
 * Keys of the rules the browser runs itself over the decrypted card ("complete the card before
 * joining"): the server keeps their dismissal only.
 */
export const BROWSER_RECOMMENDATION_KEYS = ['card-incomplete'] as const;
export type BrowserRecommendationKey = (typeof BROWSER_RECOMMENDATION_KEYS)[number];

const base = {
  /** Rule key and subject ("contribution-due:<request id>"): stable, the key to dismiss. */
  id: z.string().max(200),
  /** Where the member acts on it: a path of the web app. */
  action_url: z.string().startsWith('/'),
};
const coop = { coopname: antelopeNameSchema, display_name: z.string() };

export const recommendationSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('totp_off'), data: z.object({}) }),
  z.object({ ...base, kind: z.literal('recovery_kit_unconfirmed'), data: z.object({}) }),
  z.object({
    ...base,
    kind: z.literal('contribution_due'),
    data: z.object({
      ...coop,
      contribution_id: z.uuid(),
      due_date: z.iso.date(),
      amount: z.object({ amount: z.number().int(), currency: z.string() }),
      overdue: z.boolean(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal('meeting_unanswered'),
    data: z.object({
      ...coop,
      meeting_id: z.uuid(),
      title: z.string(),
      starts_at: z.iso.datetime({ offset: true }),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal('membership_confirmed'),
    data: z.object({
      ...coop,
      username: antelopeNameSchema,
      confirmed_at: z.iso.datetime({ offset: true }),
    }),
  }),
]);
export type Recommendation = z.infer<typeof recommendationSchema>;

/** `GET /recommendations`: the member's active suggestions, most pressing first. */
export const recommendationListSchema = z.object({
  recommendations: z.array(recommendationSchema),
  /** Which of the browser's own rules ({@link BROWSER_RECOMMENDATION_KEYS}) the member hid. */
  dismissed: z.array(z.enum(BROWSER_RECOMMENDATION_KEYS)),
});
export type RecommendationList = z.infer<typeof recommendationListSchema>;

/** A recommendation id in a path: rule key, then `:` and the subject when there is one. */
export const recommendationIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z][a-z0-9-]*(:[A-Za-z0-9./-]+)?$/);
