import { CARD_CURRENCIES, COUNTRY_CODES, isValidCountryCode } from '@cardcoop/contracts';
import { CardCoopError } from '../errors.js';
import type { CardValidationIssue } from './validate.js';

/**
 * The version of the card's data format this SDK writes (`meta.version`). Cards stored with a
 * lower version are migrated on read by {@link CARD_MIGRATIONS} and written back with this
 * version by the next `CardClient.update`.
 *
 * @example
 * ```ts
 * const { migratedFrom } = await member.card.get();
 * if (migratedFrom !== undefined) console.info(`card upgraded to v${CARD_FORMAT_VERSION}`);
 * ```
 */
export const CARD_FORMAT_VERSION = 3;

/**
 * Turns a card's plaintext of format version `n` into version `n + 1`. Pure; it gets and returns
 * parsed JSON (the result is validated after the last step).
 *
 * @example
 * ```ts
 * const dropFax: CardMigration = ({ fax: _fax, ...rest }) => rest;
 * ```
 */
export type CardMigration = (data: Record<string, unknown>) => Record<string, unknown>;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `1 → 2`: the prototype's `birth_date` becomes MONO's `birthdate`. */
const renameBirthDate: CardMigration = (data) => {
  if (!Object.hasOwn(data, 'birth_date')) return data;
  const { birth_date: birthDate, ...rest } = data;
  return Object.hasOwn(rest, 'birthdate') ? rest : { ...rest, birthdate: birthDate };
};

/** Names people wrote that `Intl.DisplayNames` does not give, lower case. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  рф: 'RU',
  'российская федерация': 'RU',
  'russian federation': 'RU',
  белоруссия: 'BY',
  'республика беларусь': 'BY',
  'республика казахстан': 'KZ',
  киргизия: 'KG',
  usa: 'US',
  сша: 'US',
};

/** Codes the old free-text currency may hold for a listed one (the rouble's pre-1998 code). */
const CURRENCY_ALIASES: Readonly<Record<string, string>> = { RUR: 'RUB', BYR: 'BYN' };

const comparable = (text: string) => text.trim().toLowerCase().replace(/ё/g, 'е');

let countryNames: Map<string, string> | undefined;

/** The codes of the countries by their Russian and English names, made on first use. */
function countryByName(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map(Object.entries(COUNTRY_ALIASES));
  for (const language of ['ru', 'en']) {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    for (const code of COUNTRY_CODES) countryNames.set(comparable(names.of(code) ?? code), code);
  }
  return countryNames;
}

/** A free-text country as its code when it names one; else as it was, for the member to choose. */
function countryCode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const upper = value.trim().toUpperCase();
  if (isValidCountryCode(upper)) return upper;
  return countryByName().get(comparable(value)) ?? value;
}

function currencyCode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const upper = value.trim().toUpperCase();
  const code = CURRENCY_ALIASES[upper] ?? upper;
  return (CARD_CURRENCIES as readonly string[]).includes(code) ? code : value;
}

/**
 * `2 → 3` (card schema v2): the bank's KPP goes (an organization keeps its own `details.kpp`,
 * taken from the bank details only when it had none), the currency and the country become codes
 * (`Россия` → `RU`, `RUR` → `RUB`). A value that names no listed country or currency stays as it
 * was: the card is shown with a warning at that field until the member chooses one.
 */
const codesAndOneKpp: CardMigration = (data) => {
  const card: Json = { ...data };
  if (Object.hasOwn(card, 'country')) card.country = countryCode(card.country);
  const account = card.bank_account;
  if (!isRecord(account)) return card;
  const { kpp, ...bankDetails } = isRecord(account.details) ? account.details : {};
  const details = card.details;
  if (card.kind === 'organization' && isRecord(details) && !details.kpp && kpp) {
    card.details = { ...details, kpp };
  }
  card.bank_account = {
    ...account,
    currency: currencyCode(account.currency),
    ...(isRecord(account.details) ? { details: bankDetails } : {}),
  };
  return card;
};

/**
 * The client-side migrations, keyed by the version they upgrade from:
 * - `1 → 2`: the prototype's `birth_date` becomes MONO's `birthdate`;
 * - `2 → 3`: no bank KPP (the organization's own stays), currency and country as codes.
 *
 * @example
 * ```ts
 * const v2 = CARD_MIGRATIONS[1]?.({ kind: 'individual', birth_date: '1990-01-31' });
 * // { kind: 'individual', birthdate: '1990-01-31' }
 * ```
 */
export const CARD_MIGRATIONS: Readonly<Record<number, CardMigration>> = Object.freeze({
  1: renameBirthDate,
  2: codesAndOneKpp,
});

/** Internal: a stored card's plaintext of format version `from`, brought to the current one. */
export function migrateCard(data: Json, from: number): Json {
  if (from > CARD_FORMAT_VERSION) {
    throw new CardCoopError(
      'SCHEMA_MISMATCH',
      `The card has format version ${from}, this client knows up to ${CARD_FORMAT_VERSION}: update the app.`,
      { status: 0 },
    );
  }
  let current = data;
  for (let version = from; version < CARD_FORMAT_VERSION; version++) {
    const step = CARD_MIGRATIONS[version];
    if (!step) {
      throw new CardCoopError('INVALID_RESPONSE', `No migration from card format v${version}.`, {
        status: 0,
      });
    }
    current = step(current);
  }
  return current;
}

/**
 * Internal: issues a card read back may have and still be shown, values stored in a shape the
 * current format no longer writes: a phone number from before numbers were normalized to E.164
 * (`8 916 123-45-67`), a country or currency a migration could not turn into a listed code. The
 * member sees the card with a warning at the field and fixes it; a card is never written so.
 */
export function isStoredValueIssue(issue: CardValidationIssue): boolean {
  if (issue.path === 'phone') return issue.code === 'invalid_phone' || issue.code === 'too_long';
  if (issue.path === 'country') return issue.code === 'invalid_country';
  return issue.path === 'bank_account.currency' && issue.code === 'invalid_currency';
}
