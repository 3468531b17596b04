// The card plaintext, with the field names of MONO (cooptypes `cooperative/users`) so a card a
// member shares drops straight into a cooperative's MONO. Formats are checked by CARD_FORMATS;
// rules across fields (account key against BIK, age) by the SDK's validateCard. Fields MONO does
// not have (an individual's INN and SNILS, the place of birth) are optional, so MONO ignores them.
import { CARD_CURRENCIES } from './card-choices.js';

export { CARD_CURRENCIES, COUNTRY_CODES, isValidCountryCode } from './card-choices.js';
export type { CardCurrency } from './card-choices.js';

/**
 * `$id` of the card schema. It changes with every incompatible change of the schema; the SDK
 * refuses to write cards when the server announces another one (`GET /card/schema`).
 *
 * @example
 * ```ts
 * const meta = { version: 3, schema: CARD_SCHEMA_ID, kind: 'individual' };
 * ```
 */
export const CARD_SCHEMA_ID = 'https://card.coop/schemas/card/v2.json';

/** A required text: empty is the same as missing. */
function text<N extends number>(maxLength: N) {
  return { type: 'string', minLength: 1, maxLength } as const;
}

/** A value of one of CARD_FORMATS, with a length bound so no check runs on a huge string. */
function formatted<F extends string, N extends number>(format: F, maxLength: N) {
  return { type: 'string', format, maxLength } as const;
}

/** In the order Russian documents write a name: фамилия, имя, отчество (the form follows it). */
const personName = {
  last_name: text(100),
  first_name: text(100),
  /** Optional: not everybody has a patronymic, and MONO keeps it as an empty string then. */
  middle_name: { type: 'string', maxLength: 100 },
} as const;

const contacts = {
  phone: formatted('phone', 16),
  email: formatted('email', 254),
} as const;

const passport = {
  type: 'object',
  additionalProperties: false,
  required: ['series', 'number', 'issued_by', 'issued_at', 'code'],
  properties: {
    series: formatted('ru-passport-series', 4),
    number: formatted('ru-passport-number', 6),
    issued_by: text(500),
    issued_at: formatted('date', 10),
    code: formatted('ru-subdivision-code', 7),
    /** Место рождения, as the passport writes it. Not in MONO. */
    birthplace: text(500),
  },
} as const;

const bankAccount = {
  type: 'object',
  additionalProperties: false,
  required: ['currency', 'bank_name', 'account_number', 'details'],
  properties: {
    currency: { type: 'string', enum: CARD_CURRENCIES, default: 'RUB' },
    card_number: formatted('bank-card-number', 19),
    bank_name: text(300),
    account_number: formatted('ru-account', 20),
    details: {
      type: 'object',
      additionalProperties: false,
      // No KPP here: a payment needs the bank's BIK and correspondent account, and the
      // recipient's KPP is the organization's own (`details.kpp`), entered once (ADR 015).
      required: ['bik', 'corr'],
      properties: {
        bik: formatted('ru-bik', 9),
        corr: formatted('ru-account', 20),
      },
    },
  },
} as const;

const individual = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'first_name', 'last_name', 'birthdate', 'full_address', 'phone', 'email'],
  properties: {
    kind: { type: 'string', const: 'individual' },
    ...personName,
    birthdate: formatted('date', 10),
    full_address: text(500),
    ...contacts,
    /** Not in MONO: a person's INN, 12 digits. */
    inn: formatted('ru-inn-person', 12),
    /** Not in MONO: 11 digits, no separators (shown as 112-233-445 95). */
    snils: formatted('ru-snils', 11),
    passport: { $ref: '#/$defs/passport' },
  },
} as const;

const entrepreneur = {
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'first_name',
    'last_name',
    'birthdate',
    'phone',
    'email',
    'country',
    'city',
    'full_address',
    'details',
  ],
  properties: {
    kind: { type: 'string', const: 'entrepreneur' },
    ...personName,
    birthdate: formatted('date', 10),
    ...contacts,
    country: formatted('country-code', 2),
    city: text(100),
    full_address: text(500),
    details: {
      type: 'object',
      additionalProperties: false,
      required: ['inn', 'ogrn'],
      properties: {
        inn: formatted('ru-inn-person', 12),
        /** MONO's name; for a sole proprietor the number is an OGRNIP. */
        ogrn: formatted('ru-ogrnip', 15),
      },
    },
    bank_account: { $ref: '#/$defs/bank_account' },
  },
} as const;

const organization = {
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'type',
    'short_name',
    'full_name',
    'represented_by',
    'country',
    'city',
    'full_address',
    'fact_address',
    'phone',
    'email',
    'details',
  ],
  properties: {
    kind: { type: 'string', const: 'organization' },
    type: { type: 'string', enum: ['coop', 'ooo', 'oao', 'zao', 'pao', 'ao'] },
    short_name: text(200),
    full_name: text(500),
    represented_by: {
      type: 'object',
      additionalProperties: false,
      required: ['first_name', 'last_name', 'position', 'based_on'],
      properties: {
        ...personName,
        position: text(200),
        based_on: text(500),
      },
    },
    country: formatted('country-code', 2),
    city: text(100),
    full_address: text(500),
    /** The same text as `full_address` when the organization works at its legal address. */
    fact_address: text(500),
    ...contacts,
    details: {
      type: 'object',
      additionalProperties: false,
      required: ['inn', 'ogrn', 'kpp'],
      properties: {
        inn: formatted('ru-inn-legal', 10),
        ogrn: formatted('ru-ogrn', 13),
        kpp: formatted('ru-kpp', 9),
      },
    },
    bank_account: { $ref: '#/$defs/bank_account' },
  },
} as const;

/**
 * JSON Schema (draft 2020-12) of a card's plaintext: one of three kinds, told apart by `kind`.
 * Every object refuses unknown properties and every string has a length bound. Custom `format`s
 * are the keys of {@link CARD_FORMATS}; `discriminator` (OpenAPI's keyword, which Ajv
 * understands) makes a validator report only the errors of the kind the data claims to be.
 *
 * @example
 * ```ts
 * const response = await fetch('/api/card/schema');
 * const { $id } = (await response.json()) as { $id: string };
 * if ($id !== CARD_SCHEMA.$id) throw new Error('update the app');
 * ```
 */
export const CARD_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: CARD_SCHEMA_ID,
  title: 'CARD.COOP member card',
  description:
    'Personal data of a member: an individual, a sole proprietor or an organization. Field names follow MONO (cooptypes cooperative/users).',
  type: 'object',
  discriminator: { propertyName: 'kind' },
  oneOf: [
    { $ref: '#/$defs/individual' },
    { $ref: '#/$defs/entrepreneur' },
    { $ref: '#/$defs/organization' },
  ],
  $defs: { individual, entrepreneur, organization, passport, bank_account: bankAccount },
} as const;

/**
 * Passport of a citizen of Russia (internal passport).
 *
 * @example
 * ```ts
 * const passport: CardPassport = {
 *   series: '4509',
 *   number: '123456',
 *   issued_by: 'ОВД района Хамовники г. Москвы',
 *   issued_at: '2010-05-20',
 *   code: '772-053',
 * };
 * ```
 */
export interface CardPassport {
  /** 4 digits. */
  series: string;
  /** 6 digits. */
  number: string;
  issued_by: string;
  /** `YYYY-MM-DD`. */
  issued_at: string;
  /** Subdivision code `NNN-NNN`. */
  code: string;
  /** Место рождения. */
  birthplace?: string;
}

/**
 * A bank account in MONO's shape.
 *
 * @example
 * ```ts
 * const account: CardBankAccount = {
 *   currency: 'RUB',
 *   bank_name: 'ПАО Сбербанк',
 *   account_number: '40702810938000000001',
 *   details: { bik: '044525225', corr: '30101810400000000225' },
 * };
 * ```
 */
export interface CardBankAccount {
  /** ISO 4217, one of {@link CARD_CURRENCIES}; `RUB` by default. */
  currency: (typeof CARD_CURRENCIES)[number];
  /** A payment card of the account, 13–19 digits (Luhn). */
  card_number?: string;
  bank_name: string;
  /** 20 digits; its control key must match `details.bik`. */
  account_number: string;
  details: {
    /** 9 digits starting with 04. */
    bik: string;
    /** The bank's correspondent account, 20 digits; its control key must match the BIK. */
    corr: string;
  };
}

/**
 * A card of a natural person.
 *
 * @example
 * ```ts
 * const card: IndividualCard = {
 *   kind: 'individual',
 *   last_name: 'Петров',
 *   first_name: 'Иван',
 *   middle_name: 'Сергеевич',
 *   birthdate: '1990-04-12',
 *   full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
 *   phone: '+79991234567',
 *   email: 'ivan@example.com',
 *   inn: '500100732259',
 *   snils: '11223344595',
 * };
 * ```
 */
export interface IndividualCard {
  kind: 'individual';
  last_name: string;
  first_name: string;
  middle_name?: string;
  /** `YYYY-MM-DD`; the member is 14 to 120 years old. */
  birthdate: string;
  full_address: string;
  /** E.164, e.g. `+79991234567`. */
  phone: string;
  email: string;
  /** 12 digits with check digits. */
  inn?: string;
  /** 11 digits with check digits, no separators. */
  snils?: string;
  passport?: CardPassport;
}

/**
 * A card of a sole proprietor (ИП).
 *
 * @example
 * ```ts
 * const card: EntrepreneurCard = {
 *   kind: 'entrepreneur',
 *   last_name: 'Смирнова',
 *   first_name: 'Анна',
 *   birthdate: '1985-11-30',
 *   phone: '+79161234567',
 *   email: 'anna@example.com',
 *   country: 'RU',
 *   city: 'Москва',
 *   full_address: 'г. Москва, ул. Арбат, д. 10',
 *   details: { inn: '500100732259', ogrn: '304500116000157' },
 * };
 * ```
 */
export interface EntrepreneurCard {
  kind: 'entrepreneur';
  last_name: string;
  first_name: string;
  middle_name?: string;
  /** `YYYY-MM-DD`; the member is 14 to 120 years old. */
  birthdate: string;
  phone: string;
  email: string;
  /** ISO 3166-1 alpha-2, e.g. `RU`. */
  country: string;
  city: string;
  full_address: string;
  details: {
    /** A person's INN, 12 digits. */
    inn: string;
    /** The OGRNIP, 15 digits (MONO calls the field `ogrn`). */
    ogrn: string;
  };
  bank_account?: CardBankAccount;
}

/** Legal form of an organization, as MONO spells it. */
export type OrganizationType = 'coop' | 'ooo' | 'oao' | 'zao' | 'pao' | 'ao';

/**
 * A card of an organization (юридическое лицо).
 *
 * @example
 * ```ts
 * const card: OrganizationCard = {
 *   kind: 'organization',
 *   type: 'coop',
 *   short_name: 'ПК «Восход»',
 *   full_name: 'Потребительский кооператив «Восход»',
 *   represented_by: {
 *     last_name: 'Иванов',
 *     first_name: 'Пётр',
 *     position: 'Председатель совета',
 *     based_on: 'Устав',
 *   },
 *   country: 'RU',
 *   city: 'Москва',
 *   full_address: 'г. Москва, ул. Ленина, д. 5',
 *   fact_address: 'г. Москва, ул. Ленина, д. 5',
 *   phone: '+74951234567',
 *   email: 'info@example.coop',
 *   details: { inn: '7707083893', ogrn: '1027700132195', kpp: '773601001' },
 * };
 * ```
 */
export interface OrganizationCard {
  kind: 'organization';
  type: OrganizationType;
  short_name: string;
  full_name: string;
  represented_by: {
    last_name: string;
    first_name: string;
    middle_name?: string;
    position: string;
    /** The document the representative acts on, e.g. «Устав». */
    based_on: string;
  };
  /** ISO 3166-1 alpha-2, e.g. `RU`. */
  country: string;
  city: string;
  full_address: string;
  /** Equal to `full_address` when the organization works at its legal address. */
  fact_address: string;
  phone: string;
  email: string;
  details: {
    /** An organization's INN, 10 digits. */
    inn: string;
    /** 13 digits. */
    ogrn: string;
    kpp: string;
  };
  bank_account?: CardBankAccount;
}

/**
 * The plaintext of a card: what {@link CARD_SCHEMA} accepts.
 *
 * @example
 * ```ts
 * function displayName(card: CardData): string {
 *   return card.kind === 'organization' ? card.short_name : `${card.last_name} ${card.first_name}`;
 * }
 * ```
 */
export type CardData = IndividualCard | EntrepreneurCard | OrganizationCard;
