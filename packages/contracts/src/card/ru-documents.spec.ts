import { describe, expect, it } from 'vitest';
import {
  isValidAccountNumber,
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidLegalInn,
  isValidOgrn,
  isValidOgrnip,
  isValidPassportNumber,
  isValidPassportSeries,
  isValidPersonInn,
  isValidSettlementAccount,
  isValidSnils,
  isValidSubdivisionCode,
} from './ru-documents.js';

// Published registration data of well-known companies (checked by hand with the algorithms):
// ПАО Сбербанк, ООО «Яндекс», АО «ТБанк», АО «Альфа-Банк».
const COMPANIES = [
  { inn: '7707083893', ogrn: '1027700132195', bik: '044525225', corr: '30101810400000000225' },
  { inn: '7736207543', ogrn: '1027700229193' },
  { inn: '7710140679', ogrn: '1027739642281', bik: '044525974', corr: '30101810145250000974' },
  { inn: '7728168971', ogrn: '1027700067328', bik: '044525593', corr: '30101810200000000593' },
];

/** The same string with one digit replaced by the next one (mod 10). */
function withDigitChanged(value: string, index: number): string {
  const digit = (Number(value[index]) + 1) % 10;
  return value.slice(0, index) + String(digit) + value.slice(index + 1);
}

describe('INN', () => {
  it.each(COMPANIES)('accepts the 10-digit INN $inn', ({ inn }) => {
    expect(isValidLegalInn(inn)).toBe(true);
    expect(isValidInn(inn)).toBe(true);
    expect(isValidPersonInn(inn)).toBe(false);
  });

  it('accepts 12-digit INNs whose two check digits match', () => {
    // 5001007322|5|9: weights 7,2,4,10,3,5,9,4,6,8 give Σ=148, 148 mod 11 = 5 (11th digit);
    // weights 3,7,2,4,10,3,5,9,4,6,8 over the first 11 give Σ=141, 141 mod 11 = 9 (12th).
    for (const inn of ['500100732259', '770712345633']) {
      expect(isValidPersonInn(inn)).toBe(true);
      expect(isValidInn(inn)).toBe(true);
      expect(isValidLegalInn(inn)).toBe(false);
    }
  });

  it('refuses every single-digit typo of a valid INN', () => {
    for (const inn of ['7707083893', '500100732259']) {
      for (let i = 0; i < inn.length; i++) {
        expect(isValidInn(withDigitChanged(inn, i)), `${inn} digit ${i}`).toBe(false);
      }
    }
  });

  it('refuses wrong checksums, lengths, characters and the non-existent region 00', () => {
    expect(isValidLegalInn('7707083894')).toBe(false);
    expect(isValidPersonInn('500100732258')).toBe(false); // 11th right, 12th wrong
    expect(isValidPersonInn('500100732269')).toBe(false); // 11th wrong
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838931')).toBe(false);
    expect(isValidInn('770708389X')).toBe(false);
    expect(isValidInn(' 7707083893')).toBe(false);
    expect(isValidInn('')).toBe(false);
    expect(isValidLegalInn('0000000000')).toBe(false);
    expect(isValidPersonInn('000000000000')).toBe(false);
  });
});

describe('OGRN and OGRNIP', () => {
  it.each(COMPANIES)('accepts the OGRN $ogrn', ({ ogrn }) => {
    expect(isValidOgrn(ogrn)).toBe(true);
  });

  it('accepts OGRNIPs whose last digit is the first 14 mod 13 (mod 10)', () => {
    // 30450011600015 mod 13 = 7; 30477460012345 mod 13 = 8.
    expect(isValidOgrnip('304500116000157')).toBe(true);
    expect(isValidOgrnip('304774600123458')).toBe(true);
  });

  it('refuses wrong check digits', () => {
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('1027700132190')).toBe(false);
    expect(isValidOgrnip('304500116000158')).toBe(false);
    expect(isValidOgrnip('304774600123457')).toBe(false);
  });

  it('refuses a number of the other kind, a wrong first digit or length', () => {
    expect(isValidOgrn('304500116000157')).toBe(false);
    expect(isValidOgrnip('1027700132195')).toBe(false);
    // 2027700132194 has a matching check digit, but 2 starts a record number (ГРН), not an OGRN.
    expect(isValidOgrn('2027700132194')).toBe(false);
    expect(isValidOgrn('102770013219')).toBe(false);
    expect(isValidOgrnip('30450011600015')).toBe(false);
    expect(isValidOgrn('10277001321a5')).toBe(false);
  });
});

describe('KPP, BIK, passport', () => {
  it('checks the KPP pattern (4 digits, 2 digits or A–Z, 3 digits)', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('7736ab001')).toBe(false);
    expect(isValidKpp('77360100')).toBe(false);
    expect(isValidKpp('7736010011')).toBe(false);
    expect(isValidKpp('A73601001')).toBe(false);
  });

  it('checks the BIK (9 digits starting with 04)', () => {
    expect(isValidBik('044525225')).toBe(true);
    expect(isValidBik('144525225')).toBe(false);
    expect(isValidBik('04452522')).toBe(false);
    expect(isValidBik('0445252250')).toBe(false);
  });

  it('checks passport series, number and subdivision code', () => {
    expect(isValidPassportSeries('4509')).toBe(true);
    expect(isValidPassportSeries('45 09')).toBe(false);
    expect(isValidPassportSeries('450')).toBe(false);
    expect(isValidPassportNumber('123456')).toBe(true);
    expect(isValidPassportNumber('12345')).toBe(false);
    expect(isValidPassportNumber('12345a')).toBe(false);
    expect(isValidSubdivisionCode('772-053')).toBe(true);
    expect(isValidSubdivisionCode('772053')).toBe(false);
    expect(isValidSubdivisionCode('772–053')).toBe(false); // en dash
  });
});

describe('bank accounts', () => {
  const banks = COMPANIES.filter((c) => c.bik !== undefined) as {
    bik: string;
    corr: string;
  }[];

  it.each(banks)('accepts the correspondent account $corr of BIK $bik', ({ bik, corr }) => {
    expect(isValidCorrespondentAccount(corr, bik)).toBe(true);
  });

  it('refuses a correspondent account against another BIK or with a typo', () => {
    // Same Bank of Russia division (key prefix 025), another bank: the last 3 digits differ.
    expect(isValidCorrespondentAccount('30101810400000000225', '044525974')).toBe(false);
    // Another division: the key does not match.
    expect(isValidCorrespondentAccount('30101810400000000225', '044030225')).toBe(false);
    expect(isValidCorrespondentAccount('30101810500000000225', '044525225')).toBe(false);
  });

  it('checks a settlement account against the last 3 digits of the BIK (weights 7,1,3)', () => {
    // Key digit (9th) chosen so that Σ over "225" + account with weights 7,1,3,… ends in 0.
    expect(isValidSettlementAccount('40702810938000000001', '044525225')).toBe(true);
    expect(isValidSettlementAccount('40802810400000000001', '044525974')).toBe(true);
    expect(isValidSettlementAccount('40702810938000000001', '044525974')).toBe(false);
    expect(isValidSettlementAccount('40702810038000000001', '044525225')).toBe(false);
    for (let i = 0; i < 20; i++) {
      const typo = withDigitChanged('40702810938000000001', i);
      expect(isValidSettlementAccount(typo, '044525225'), `digit ${i}`).toBe(false);
    }
  });

  it('uses 0 and the 5th–6th BIK digits for an account kept by the Bank of Russia', () => {
    // BIK 044525000 (a Bank of Russia division): the prefix is "025", not "000".
    expect(isValidSettlementAccount('40102810845250000001', '044525000')).toBe(true);
    expect(isValidSettlementAccount('40102810845250000001', '044525101')).toBe(false);
    expect(isValidSettlementAccount('40102810045250000001', '044525000')).toBe(false);
  });

  it('refuses malformed account numbers and BIKs', () => {
    expect(isValidAccountNumber('40702810938000000001')).toBe(true);
    expect(isValidAccountNumber('4070281093800000000')).toBe(false);
    expect(isValidAccountNumber('4070281093800000000a')).toBe(false);
    expect(isValidSettlementAccount('4070281093800000000', '044525225')).toBe(false);
    expect(isValidSettlementAccount('40702810938000000001', '144525225')).toBe(false);
    expect(isValidCorrespondentAccount('30101810400000000225', '04452522')).toBe(false);
  });
});

describe('SNILS', () => {
  it('accepts check digits below 100 as they are, and every digit typo is caught', () => {
    expect(isValidSnils('11223344595')).toBe(true);
    expect(isValidSnils('98765432183')).toBe(true); // Σ = 285 → 285 mod 101 = 83
    for (let i = 0; i < 11; i++) {
      expect(isValidSnils(withDigitChanged('11223344595', i)), `digit ${i}`).toBe(false);
    }
  });

  it('gives 00 for a sum of 100 or 101 and for a remainder of 100', () => {
    expect(isValidSnils('92000000300')).toBe(true); // Σ = 100
    expect(isValidSnils('92000000400')).toBe(true); // Σ = 101
    expect(isValidSnils('99600000600')).toBe(true); // Σ = 201 → 100 → 00
    expect(isValidSnils('92000000301')).toBe(false);
  });

  it('does not check numbers up to 001-001-998, issued before the check digits', () => {
    expect(isValidSnils('00100199812')).toBe(true);
    expect(isValidSnils('00100199912')).toBe(false);
  });

  it('wants 11 digits, no separators', () => {
    expect(isValidSnils('112-233-445 95')).toBe(false);
    expect(isValidSnils('1122334459')).toBe(false);
    expect(isValidSnils('1122334459a')).toBe(false);
  });
});
