import { z } from 'zod';
import { membershipStatusSchema } from './card.js';

/**
 * `GET /business/cooperatives/{coopname}/members`: members who shared with the cooperative,
 * by username; `status` filters by membership; `cursor` = the last page's `next`.
 */
export const businessMembersQuerySchema = z.object({
  status: membershipStatusSchema.optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type BusinessMembersQuery = z.input<typeof businessMembersQuerySchema>;

/** One member who shared with the cooperative: names and dates, never the card's values. */
export const businessMemberSchema = z.object({
  username: z.string(),
  /** The member's account in the cooperative: `closed` once they closed it (or left card.coop). */
  account_status: z.enum(['open', 'closed']),
  /** Ended: confirmed once, then ended by the cooperative (its API or its staff). */
  membership: membershipStatusSchema,
  /** The card field names shared (empty for grants made before they were kept). */
  fields: z.array(z.string()),
  granted_at: z.string(),
  last_read_at: z.string().nullable(),
  read_count: z.number().int().nonnegative(),
  revoked_at: z.string().nullable(),
});
export type BusinessMember = z.infer<typeof businessMemberSchema>;

export const businessMemberListSchema = z.object({
  members: z.array(businessMemberSchema),
  /** The cursor of the next page; null on the last page. */
  next: z.string().nullable(),
});
export type BusinessMemberList = z.infer<typeof businessMemberListSchema>;
