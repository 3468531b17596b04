// Checksums of Russian registration and bank numbers, after the published algorithms of the
// Federal Tax Service (INN, OGRN, OGRNIP) and the Bank of Russia (BIK, account control key).
// Pure functions over strings: no normalisation, a value must already be digits only.

const INN_10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const ACCOUNT_KEY_WEIGHTS = [7, 1, 3];

function digitsOf(value: string): number[] {
  return [...value].map(Number);
}

/** (Σ digit × weight mod 11) mod 10: the INN check digit over the digits before it. */
function innCheckDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

/** The remainder of a long decimal number, digit by digit, so no precision is ever lost. */
function remainder(value: string, modulus: number): number {
  let rest = 0;
  for (const digit of value) rest = (rest * 10 + Number(digit)) % modulus;
  return rest;
}

/** Subject code 00 does not exist, so an INN never starts with it (this also refuses all zeros). */
function hasRegion(inn: string): boolean {
  return !inn.startsWith('00');
}

/**
 * An organization's INN: 10 digits, the last one `(Σ dᵢ·wᵢ mod 11) mod 10` with weights
 * 2, 4, 10, 3, 5, 9, 4, 6, 8.
 *
 * @example
 * ```ts
 * isValidLegalInn('7707083893'); // true (ПАО Сбербанк)
 * isValidLegalInn('7707083894'); // false
 * ```
 */
export function isValidLegalInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn) || !hasRegion(inn)) return false;
  const digits = digitsOf(inn);
  return innCheckDigit(digits, INN_10_WEIGHTS) === digits[9];
}

/**
 * A person's INN (individual or sole proprietor): 12 digits with two check digits, weights
 * 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 for the 11th and 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 for the 12th.
 *
 * @example
 * ```ts
 * isValidPersonInn('500100732259'); // true
 * isValidPersonInn('500100732258'); // false
 * ```
 */
export function isValidPersonInn(inn: string): boolean {
  if (!/^\d{12}$/.test(inn) || !hasRegion(inn)) return false;
  const digits = digitsOf(inn);
  return (
    innCheckDigit(digits, INN_11_WEIGHTS) === digits[10] &&
    innCheckDigit(digits, INN_12_WEIGHTS) === digits[11]
  );
}

/**
 * Any INN: 10 digits (organization) or 12 digits (person), checksum included.
 *
 * @example
 * ```ts
 * isValidInn('7707083893'); // true
 * isValidInn('500100732259'); // true
 * ```
 */
export function isValidInn(inn: string): boolean {
  return inn.length === 10 ? isValidLegalInn(inn) : isValidPersonInn(inn);
}

/**
 * An organization's OGRN: 13 digits starting with 1 or 5; the last digit is the remainder of the
 * first 12 digits divided by 11, taken mod 10.
 *
 * @example
 * ```ts
 * isValidOgrn('1027700132195'); // true (ПАО Сбербанк)
 * isValidOgrn('1027700132196'); // false
 * ```
 */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^[15]\d{12}$/.test(ogrn)) return false;
  return remainder(ogrn.slice(0, 12), 11) % 10 === Number(ogrn[12]);
}

/**
 * A sole proprietor's OGRNIP: 15 digits starting with 3; the last digit is the remainder of the
 * first 14 digits divided by 13, taken mod 10.
 *
 * @example
 * ```ts
 * isValidOgrnip('304500116000157'); // true
 * isValidOgrnip('304500116000158'); // false
 * ```
 */
export function isValidOgrnip(ogrnip: string): boolean {
  if (!/^3\d{14}$/.test(ogrnip)) return false;
  return remainder(ogrnip.slice(0, 14), 13) % 10 === Number(ogrnip[14]);
}

/**
 * A KPP: 9 characters, 4 digits (tax office), 2 digits or capital Latin letters (reason),
 * 3 digits (serial number). It has no checksum.
 *
 * @example
 * ```ts
 * isValidKpp('773601001'); // true
 * isValidKpp('7736AB001'); // true
 * isValidKpp('77360100'); // false
 * ```
 */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/**
 * A bank's BIK: 9 digits starting with 04 (Russia). It has no checksum; it keys the control
 * digit of the bank's accounts instead.
 *
 * @example
 * ```ts
 * isValidBik('044525225'); // true
 * isValidBik('144525225'); // false
 * ```
 */
export function isValidBik(bik: string): boolean {
  return /^04\d{7}$/.test(bik);
}

/**
 * The shape of a Russian bank account number (settlement or correspondent): 20 digits. The
 * control key depends on the bank, see {@link isValidSettlementAccount}.
 *
 * @example
 * ```ts
 * isValidAccountNumber('40702810938000000001'); // true
 * ```
 */
export function isValidAccountNumber(account: string): boolean {
  return /^\d{20}$/.test(account);
}

/** Σ (digit × 7, 1, 3, 7, 1, 3, …) ends in 0 — the Bank of Russia's account control key rule. */
function hasAccountKey(prefix: string, account: string): boolean {
  const digits = digitsOf(prefix + account);
  const sum = digits.reduce((total, digit, i) => total + digit * ACCOUNT_KEY_WEIGHTS[i % 3]!, 0);
  return sum % 10 === 0;
}

/** The Bank of Russia's branch (RKC) number: 0 and the 5th and 6th digits of the BIK. */
function rkcNumber(bik: string): string {
  return `0${bik.slice(4, 6)}`;
}

/**
 * Whether a settlement account belongs to the bank with this BIK: the control key (9th digit)
 * is checked over the bank's 3-digit code followed by the 20-digit account, with weights
 * 7, 1, 3 repeated; the sum must end in 0. The bank's code is the last 3 digits of the BIK, or,
 * for an account kept by the Bank of Russia itself (BIK ending in 000, 001 or 002), 0 and the
 * 5th–6th digits of the BIK.
 *
 * @example
 * ```ts
 * isValidSettlementAccount('40702810938000000001', '044525225'); // true
 * isValidSettlementAccount('40702810938000000001', '044525974'); // false: another bank
 * ```
 */
export function isValidSettlementAccount(account: string, bik: string): boolean {
  if (!isValidAccountNumber(account) || !isValidBik(bik)) return false;
  const bankCode = bik.slice(6);
  const prefix = ['000', '001', '002'].includes(bankCode) ? rkcNumber(bik) : bankCode;
  return hasAccountKey(prefix, account);
}

/**
 * Whether a correspondent account belongs to the bank with this BIK. A bank's correspondent
 * account is kept by a branch of the Bank of Russia, so its key is checked over 0 and the
 * 5th–6th digits of the BIK followed by the account; and it ends with the bank's code, the last
 * 3 digits of the BIK (banks of one region share the key prefix, this tells them apart).
 *
 * @example
 * ```ts
 * isValidCorrespondentAccount('30101810400000000225', '044525225'); // true (ПАО Сбербанк)
 * isValidCorrespondentAccount('30101810400000000225', '044525974'); // false
 * ```
 */
export function isValidCorrespondentAccount(account: string, bik: string): boolean {
  if (!isValidAccountNumber(account) || !isValidBik(bik)) return false;
  return account.endsWith(bik.slice(6)) && hasAccountKey(rkcNumber(bik), account);
}

/**
 * The series of a Russian internal passport: 4 digits (region and year of the blank).
 *
 * @example
 * ```ts
 * isValidPassportSeries('4509'); // true
 * ```
 */
export function isValidPassportSeries(series: string): boolean {
  return /^\d{4}$/.test(series);
}

/**
 * The number of a Russian internal passport: 6 digits.
 *
 * @example
 * ```ts
 * isValidPassportNumber('123456'); // true
 * ```
 */
export function isValidPassportNumber(number: string): boolean {
  return /^\d{6}$/.test(number);
}

/**
 * The code of the subdivision that issued a passport: `NNN-NNN`.
 *
 * @example
 * ```ts
 * isValidSubdivisionCode('770-001'); // true
 * isValidSubdivisionCode('770001'); // false
 * ```
 */
export function isValidSubdivisionCode(code: string): boolean {
  return /^\d{3}-\d{3}$/.test(code);
}

/** Numbers up to 001-001-998 were issued before the check digits existed. */
const SNILS_CHECKED_FROM = 1_001_998;

/**
 * A SNILS (insurance number of the Pension and Social Insurance Fund), stored as 11 digits: a
 * 9-digit number and 2 check digits. The check is Σ dᵢ·(9 − i) over the number's digits: below
 * 100 it is the check itself, 100 and 101 give 00, above that it is taken mod 101 first (a
 * remainder of 100 again giving 00). Numbers up to 001-001-998 carry no check.
 *
 * @example
 * ```ts
 * isValidSnils('11223344595'); // true (112-233-445 95)
 * isValidSnils('11223344596'); // false
 * ```
 */
export function isValidSnils(snils: string): boolean {
  if (!/^\d{11}$/.test(snils)) return false;
  const number = snils.slice(0, 9);
  if (Number(number) <= SNILS_CHECKED_FROM) return true;
  const sum = digitsOf(number).reduce((total, digit, i) => total + digit * (9 - i), 0);
  const check = sum < 100 ? sum : (sum % 101) % 100;
  return check === Number(snils.slice(9));
}
