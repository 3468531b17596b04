// The closed lists a card chooses from: countries (ISO 3166-1 alpha-2) and the currencies of a
// bank account (ISO 4217). Codes only: their names in any language come from
// `Intl.DisplayNames`, so no table of names ships with the app.

/**
 * The officially assigned ISO 3166-1 alpha-2 country codes (249).
 *
 * @example
 * ```ts
 * COUNTRY_CODES.includes('RU'); // true
 * new Intl.DisplayNames(['ru'], { type: 'region' }).of('KZ'); // 'Казахстан'
 * ```
 */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
  BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
  EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK
  HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB
  LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU
  RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN
  TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

const COUNTRIES = new Set(COUNTRY_CODES);

/**
 * A country as ISO 3166-1 alpha-2: two capital letters of an assigned code.
 *
 * @example
 * ```ts
 * isValidCountryCode('RU'); // true
 * isValidCountryCode('Россия'); // false
 * ```
 */
export function isValidCountryCode(code: string): boolean {
  return COUNTRIES.has(code);
}

/**
 * The currencies a member's bank account may be in (ISO 4217): the rouble first, then the
 * currencies of the members' neighbours and trading partners. RUB is the default.
 *
 * @example
 * ```ts
 * const account = { currency: CARD_CURRENCIES[0], ... }; // 'RUB'
 * ```
 */
export const CARD_CURRENCIES = [
  'RUB',
  'USD',
  'EUR',
  'CNY',
  'KZT',
  'BYN',
  'AMD',
  'KGS',
  'UZS',
  'TJS',
  'AZN',
  'GEL',
  'TRY',
  'AED',
  'INR',
  'GBP',
  'CHF',
  'JPY',
  'HKD',
] as const;

/** A currency a card's bank account may be in. */
export type CardCurrency = (typeof CARD_CURRENCIES)[number];
