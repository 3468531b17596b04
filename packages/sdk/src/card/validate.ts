import {
  CARD_SCHEMA_ID,
  isValidCorrespondentAccount,
  isValidDate,
  isValidSettlementAccount,
} from '@cardcoop/contracts';
import type { CardFormatName, ValidationIssue } from '@cardcoop/contracts';
import { CardCoopError } from '../errors.js';
import type { Language } from '../http.js';
import { cardMessage } from './card-messages.js';
import type { CardIssueCode, MessageKey, MessageParams } from './card-messages.js';
import { validate as validateSchema } from './validate-card.generated.js';
import type { GeneratedCardError } from './validate-card.generated.js';

/** Youngest and oldest age of a member whose card carries a date of birth. */
export const MIN_MEMBER_AGE = 14;
export const MAX_MEMBER_AGE = 120;

/**
 * A problem with one field of a card.
 *
 * @example
 * ```ts
 * const issue: CardValidationIssue = {
 *   path: 'details.inn',
 *   code: 'invalid_inn',
 *   message: 'Неверный ИНН: контрольная сумма не сходится',
 * };
 * ```
 */
export interface CardValidationIssue extends ValidationIssue {
  /** Dotted path of the field (`bank_account.details.bik`); empty for the card as a whole. */
  path: string;
  code: CardIssueCode;
  /** In the language asked for. */
  message: string;
}

/**
 * The outcome of {@link validateCard}.
 *
 * @example
 * ```ts
 * const result: CardValidationResult = validateCard(form, 'ru');
 * const errorOf = (path: string) =>
 *   result.valid ? undefined : result.errors.find((e) => e.path === path)?.message;
 * ```
 */
export type CardValidationResult =
  { valid: true } | { valid: false; errors: CardValidationIssue[] };

/**
 * Options of {@link validateCard}.
 *
 * @example
 * ```ts
 * validateCard(card, 'en', { now: new Date(2030, 0, 1) });
 * ```
 */
export interface ValidateCardOptions {
  /** The moment "today" is taken from (local calendar date), for the date rules. */
  now?: Date;
}

interface RawIssue {
  path: string;
  code: CardIssueCode;
  key: MessageKey;
  params?: MessageParams;
}

/** What each format reports: a wrong shape, or a right shape with a wrong checksum. */
const FORMAT_ISSUES: Record<
  CardFormatName,
  { code: CardIssueCode; shape: MessageKey; checksum?: { of: RegExp; key: MessageKey } }
> = {
  'ru-inn-person': {
    code: 'invalid_inn',
    shape: 'inn_person_shape',
    checksum: { of: /^\d{12}$/, key: 'inn_checksum' },
  },
  'ru-inn-legal': {
    code: 'invalid_inn',
    shape: 'inn_legal_shape',
    checksum: { of: /^\d{10}$/, key: 'inn_checksum' },
  },
  'ru-snils': {
    code: 'invalid_snils',
    shape: 'snils_shape',
    checksum: { of: /^\d{11}$/, key: 'snils_checksum' },
  },
  'ru-ogrn': {
    code: 'invalid_ogrn',
    shape: 'ogrn_shape',
    checksum: { of: /^[15]\d{12}$/, key: 'ogrn_checksum' },
  },
  'ru-ogrnip': {
    code: 'invalid_ogrnip',
    shape: 'ogrnip_shape',
    checksum: { of: /^3\d{14}$/, key: 'ogrnip_checksum' },
  },
  'bank-card-number': {
    code: 'invalid_card_number',
    shape: 'card_number_shape',
    checksum: { of: /^\d{13,19}$/, key: 'card_number_checksum' },
  },
  'ru-kpp': { code: 'invalid_kpp', shape: 'kpp' },
  'ru-bik': { code: 'invalid_bik', shape: 'bik' },
  'ru-account': { code: 'invalid_account', shape: 'account' },
  'ru-passport-series': { code: 'invalid_passport_series', shape: 'passport_series' },
  'ru-passport-number': { code: 'invalid_passport_number', shape: 'passport_number' },
  'ru-subdivision-code': { code: 'invalid_subdivision_code', shape: 'subdivision_code' },
  'country-code': { code: 'invalid_country', shape: 'country' },
  phone: { code: 'invalid_phone', shape: 'phone' },
  email: { code: 'invalid_email', shape: 'email' },
  date: { code: 'invalid_date', shape: 'date' },
};

/**
 * Checks a card's plaintext before it is encrypted: the bundled JSON Schema (precompiled, no
 * `new Function`), then the rules across fields the schema cannot express:
 * - `bank_account.account_number` and `bank_account.details.corr` must carry the control key of
 *   the bank given by `bank_account.details.bik` (`account_key_mismatch`);
 * - `birthdate` not in the future (`birthdate_in_future`), the member 14 to 120 years old
 *   (`age_below_minimum`, `age_above_maximum`);
 * - `passport.issued_at` not in the future (`date_in_future`) nor before `birthdate`
 *   (`issued_before_birthdate`).
 *
 * Each field gets at most one issue, the most telling one (a wrong type, then a missing or
 * unknown field, then a wrong format, then a length); a rule across fields runs only on fields
 * that are valid on their own. Codes are stable (see `CARD_ISSUE_CODES`), messages are in the
 * language asked for.
 *
 * @example
 * ```ts
 * const result = validateCard(form, 'ru');
 * if (!result.valid) {
 *   // [{ path: 'details.inn', code: 'invalid_inn',
 *   //    message: 'Неверный ИНН: контрольная сумма не сходится' }]
 *   showErrors(result.errors);
 * }
 * ```
 */
export function validateCard(
  data: unknown,
  language: Language = 'ru',
  options: ValidateCardOptions = {},
): CardValidationResult {
  const issues = new Map<string, RawIssue & { rank: number }>();
  const add = (issue: RawIssue, rank: number): void => {
    const existing = issues.get(issue.path);
    if (!existing || rank < existing.rank) issues.set(issue.path, { ...issue, rank });
  };

  if (!validateSchema(data)) {
    for (const error of validateSchema.errors ?? []) {
      const issue = schemaIssue(error, data);
      add(issue, RANKS[issue.code] ?? FORMAT_RANK);
    }
  }
  if (isRecord(data)) {
    for (const issue of crossFieldIssues(data, (path) => issues.has(path), options.now)) {
      add(issue, FORMAT_RANK);
    }
  }

  if (issues.size === 0) return { valid: true };
  return {
    valid: false,
    errors: [...issues.values()].map(({ path, code, key, params }) => ({
      path,
      code,
      message: cardMessage(key, language, params),
    })),
  };
}

/**
 * Refuses to work with a server whose card schema differs from the one bundled in this client:
 * a card validated against another schema could be unreadable for the other side.
 *
 * @throws CardCoopError `SCHEMA_MISMATCH` when `serverSchemaId` is not {@link CARD_SCHEMA_ID}.
 * @example
 * ```ts
 * const { $id } = await http.get<{ $id: string }>('/card/schema');
 * assertSchemaMatches($id);
 * ```
 */
export function assertSchemaMatches(serverSchemaId: string): void {
  if (serverSchemaId === CARD_SCHEMA_ID) return;
  throw new CardCoopError(
    'SCHEMA_MISMATCH',
    `The server uses card schema ${serverSchemaId}, this client ${CARD_SCHEMA_ID}: update the app.`,
    { status: 0 },
  );
}

/**
 * Lower wins when one field has several problems. A format's message beats the length bound
 * that guards it: «ИНН организации состоит из 10 цифр» says more than «не длиннее 10 символов».
 */
const RANKS: Partial<Record<CardIssueCode, number>> = {
  invalid_kind: 0,
  invalid_type: 0,
  required: 1,
  unknown_property: 1,
  invalid_value: 2,
  too_long: 3,
};
const FORMAT_RANK = 2;

function schemaIssue(error: GeneratedCardError, data: unknown): RawIssue {
  const path = pathOf(error.instancePath);
  const { keyword, params } = error;
  switch (keyword) {
    case 'required':
      return {
        path: join(path, String(params.missingProperty)),
        code: 'required',
        key: 'required',
      };
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      return {
        path: join(path, property),
        code: 'unknown_property',
        key: 'unknown_property',
        params: { property },
      };
    }
    case 'type':
      return {
        path,
        code: 'invalid_type',
        key: 'invalid_type',
        params: { type: String(params.type) },
      };
    case 'minLength':
      // Every minimum length in the schema is 1: an empty text is a missing one.
      return { path, code: 'required', key: 'required' };
    case 'maxLength':
      return { path, code: 'too_long', key: 'too_long', params: { limit: Number(params.limit) } };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      // A bank account's currency has its own code, as the format of a country has.
      const currency = path.endsWith('currency');
      return {
        path,
        code: currency ? 'invalid_currency' : 'invalid_value',
        key: currency ? 'currency' : 'invalid_value',
        params: { allowed },
      };
    }
    case 'discriminator':
      // The card's `kind` is missing, not a string, or not one of the three kinds.
      return params.tagValue === undefined
        ? { path: 'kind', code: 'required', key: 'required' }
        : { path: 'kind', code: 'invalid_kind', key: 'invalid_kind' };
    case 'format':
      return formatIssue(path, String(params.format) as CardFormatName, valueAt(data, path));
    default:
      // Not produced by the current schema; kept generic so a new keyword still reports.
      return { path, code: 'invalid_value', key: 'invalid_value' };
  }
}

function formatIssue(path: string, format: CardFormatName, value: unknown): RawIssue {
  const { code, shape, checksum } = FORMAT_ISSUES[format];
  const key =
    checksum && typeof value === 'string' && checksum.of.test(value) ? checksum.key : shape;
  return { path, code, key };
}

function crossFieldIssues(
  card: Record<string, unknown>,
  hasIssue: (path: string) => boolean,
  now: Date = new Date(),
): RawIssue[] {
  const issues: RawIssue[] = [];
  // A value takes part only if neither it nor an object around it has a problem of its own.
  const validText = (path: string): string | undefined => {
    const value = valueAt(card, path);
    const parts = path.split('.');
    const clean = parts.every((_, i) => !hasIssue(parts.slice(0, i + 1).join('.')));
    return typeof value === 'string' && clean ? value : undefined;
  };
  const today = calendarDate(now);

  if (card.kind === 'individual' || card.kind === 'entrepreneur') {
    let birthdate = validText('birthdate');
    if (birthdate !== undefined && isValidDate(birthdate)) {
      const age = fullYears(birthdate, today);
      const code =
        birthdate > today
          ? 'birthdate_in_future'
          : age < MIN_MEMBER_AGE
            ? 'age_below_minimum'
            : age > MAX_MEMBER_AGE
              ? 'age_above_maximum'
              : undefined;
      if (code !== undefined) {
        issues.push({ path: 'birthdate', code, key: code });
        // A wrong birth date says nothing about the passport: compare it with nothing.
        birthdate = undefined;
      }
    }
    const issuedAt = card.kind === 'individual' ? validText('passport.issued_at') : undefined;
    if (issuedAt !== undefined && isValidDate(issuedAt)) {
      const path = 'passport.issued_at';
      if (issuedAt > today) {
        issues.push({ path, code: 'date_in_future', key: 'date_in_future' });
      } else if (birthdate !== undefined && isValidDate(birthdate) && issuedAt < birthdate) {
        issues.push({ path, code: 'issued_before_birthdate', key: 'issued_before_birthdate' });
      }
    }
  }

  const hasBank = card.kind === 'entrepreneur' || card.kind === 'organization';
  const bik = hasBank ? validText('bank_account.details.bik') : undefined;
  if (bik !== undefined) {
    const account = validText('bank_account.account_number');
    if (account !== undefined && !isValidSettlementAccount(account, bik)) {
      const path = 'bank_account.account_number';
      issues.push({ path, code: 'account_key_mismatch', key: 'account_key' });
    }
    const corr = validText('bank_account.details.corr');
    if (corr !== undefined && !isValidCorrespondentAccount(corr, bik)) {
      const path = 'bank_account.details.corr';
      issues.push({ path, code: 'account_key_mismatch', key: 'corr_key' });
    }
  }
  return issues;
}

/** `YYYY-MM-DD` of the local calendar day: the member's "today", not UTC's. */
function calendarDate(moment: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(moment.getFullYear(), 4)}-${pad(moment.getMonth() + 1, 2)}-${pad(moment.getDate(), 2)}`;
}

/** Completed years between two `YYYY-MM-DD` dates (a birthday on 29 February counts on 1 March). */
function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** `/details/inn` → `details.inn` (JSON Pointer escapes undone). */
function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(parent: string, property: string): string {
  return parent === '' ? property : `${parent}.${property}`;
}

function valueAt(data: unknown, path: string): unknown {
  if (path === '') return data;
  let value = data;
  for (const part of path.split('.')) {
    if (!isRecord(value) || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
