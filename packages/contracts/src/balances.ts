import { z } from 'zod';

/** An ISO 4217 alphabetic currency code. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');

/** An amount of money: integer minor units (kopecks, cents) of an ISO 4217 currency. */
export const moneySchema = z.object({
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Integer minor units'),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;

/**
 * The funds a cooperative keeps for a member: the share contribution (паевой взнос), the
 * membership fees paid (членские взносы) and other funds it names itself.
 */
export const FUND_KINDS = ['share_contribution', 'membership_fee', 'other'] as const;
export const fundKindSchema = z.enum(FUND_KINDS);
export type FundKind = z.infer<typeof fundKindSchema>;

const fundName = z.string().trim().min(1).max(100);

/** One fund's balance as the cooperative pushes it; `name` only (and always) for `other`. */
export const fundBalanceSchema = z
  .object({
    fund: fundKindSchema,
    name: fundName.optional(),
    amount: moneySchema.shape.amount,
    currency: currencyCodeSchema,
  })
  .refine((fund) => (fund.fund === 'other') === (fund.name !== undefined), {
    path: ['name'],
    message: 'a name is required for other funds and only for them',
  });
export type FundBalance = z.infer<typeof fundBalanceSchema>;

/**
 * `PUT /coop/members/{username}/balances`: the member's whole set of balances in the calling
 * cooperative, as of `as_of`; it replaces the previous set. A fund appears once.
 */
export const balancesInputSchema = z.object({
  as_of: z.iso.datetime({ offset: true }),
  funds: z
    .array(fundBalanceSchema)
    .max(50)
    .refine(
      (funds) =>
        new Set(funds.map((fund) => `${fund.fund}/${fund.name ?? ''}`)).size === funds.length,
      { message: 'each fund may appear once' },
    ),
});
export type BalancesInput = z.infer<typeof balancesInputSchema>;

/** A member's balances in one cooperative where the membership is confirmed. */
export const cooperativeBalancesSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  username: z.string(),
  /** When the cooperative's figures were true; null: it has pushed none yet. */
  as_of: z.iso.datetime({ offset: true }).nullable(),
  funds: z.array(fundBalanceSchema),
});
export type CooperativeBalances = z.infer<typeof cooperativeBalancesSchema>;

/** `GET /balances`: one entry per cooperative where the member's membership is confirmed. */
export const balanceListSchema = z.object({ cooperatives: z.array(cooperativeBalancesSchema) });
export type BalanceList = z.infer<typeof balanceListSchema>;
