import type { TFunction } from 'i18next';

const KNOWN = [
  'provider_unavailable',
  'not_received',
  'member_gone',
  'insufficient_master_balance',
  'amount_out_of_range',
  'card_closed',
  'currency_mismatch',
  'refused',
  'internal_error',
  'invalid_request',
] as const;

/** Why an operation failed, in words (an unknown provider code named as it is). */
export function failureText(code: string, t: TFunction<'business'>): string {
  return (KNOWN as readonly string[]).includes(code)
    ? t(`virtualCards.failure.${code as (typeof KNOWN)[number]}`)
    : t('virtualCards.failure.other', { code });
}
