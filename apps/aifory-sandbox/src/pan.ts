import { randomInt } from 'node:crypto';

/** Whether a digit string passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial` + digit pass Luhn. */
export function luhnCheckDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${partial}${digit}`)) return String(digit);
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/** A random 16-digit Visa-like PAN (BIN 4xxxxx) that passes Luhn. */
export function generatePan(): string {
  const partial = `4${digits(14)}`;
  return `${partial}${luhnCheckDigit(partial)}`;
}

export function generateCvv(): string {
  return digits(3);
}

/** MM/YY three years after `now` (UTC). */
export function expiryFrom(now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const year = String((now.getUTCFullYear() + 3) % 100).padStart(2, '0');
  return `${month}/${year}`;
}
