import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { gostPaymentPayload, isGostText, parseGostPayload } from './gost-payment.js';
import type { GostPayment } from './gost-payment.js';

const payment: GostPayment = {
  Name: 'ПК "Восход"',
  PersonalAcc: '40702810938000000001',
  BankName: 'ПАО Сбербанк',
  BIC: '044525225',
  CorrespAcc: '30101810400000000225',
  PayeeINN: '7707083893',
  KPP: '773601001',
  Sum: 150_000,
  Purpose: 'Паевой взнос по требованию № 7 (без НДС)',
};

const EXPECTED =
  'ST00012|Name=ПК "Восход"|PersonalAcc=40702810938000000001|BankName=ПАО Сбербанк' +
  '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7707083893|KPP=773601001' +
  '|Sum=150000|Purpose=Паевой взнос по требованию № 7 (без НДС)';

/** Draws the payload as a QR code (4-module quiet zone, 4 px a module) and reads it back. */
function renderAndDecode(payload: string): string | undefined {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const quiet = 4;
  const side = (qr.modules.size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const row = Math.floor(y / scale) - quiet;
      const column = Math.floor(x / scale) - quiet;
      const inside = row >= 0 && column >= 0 && row < qr.modules.size && column < qr.modules.size;
      if (inside && qr.modules.get(row, column)) {
        pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('ГОСТ Р 56042-2014 payment payload', () => {
  it('writes the header, the required fields in order, then the optional ones', () => {
    expect(gostPaymentPayload(payment)).toBe(EXPECTED);
  });

  it('leaves absent optional fields out', () => {
    const { Name, PersonalAcc, BankName, BIC, CorrespAcc } = payment;
    expect(gostPaymentPayload({ Name, PersonalAcc, BankName, BIC, CorrespAcc, Sum: 1 })).toBe(
      'ST00012|Name=ПК "Восход"|PersonalAcc=40702810938000000001|BankName=ПАО Сбербанк' +
        '|BIC=044525225|CorrespAcc=30101810400000000225|Sum=1',
    );
  });

  it('refuses a separator, a line break or a control character in any value', () => {
    for (const bad of ['Взнос|Sum=1', 'Взнос\nSum=1', 'Взнос\r', 'a\u0000b', ' edge']) {
      expect(isGostText(bad)).toBe(false);
      expect(() => gostPaymentPayload({ ...payment, Purpose: bad })).toThrow(RangeError);
      expect(() => gostPaymentPayload({ ...payment, Name: bad })).toThrow(RangeError);
    }
  });

  it('refuses values longer than the standard allows and sums that are not whole kopecks', () => {
    expect(() => gostPaymentPayload({ ...payment, Purpose: 'я'.repeat(211) })).toThrow(RangeError);
    expect(() => gostPaymentPayload({ ...payment, Name: 'я'.repeat(161) })).toThrow(RangeError);
    expect(() => gostPaymentPayload({ ...payment, BankName: 'я'.repeat(46) })).toThrow(RangeError);
    expect(gostPaymentPayload({ ...payment, Purpose: 'я'.repeat(210) })).toContain('Purpose=');
    for (const sum of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => gostPaymentPayload({ ...payment, Sum: sum })).toThrow(RangeError);
    }
  });

  it('reads back field by field, a "=" inside a value kept', () => {
    expect(parseGostPayload(gostPaymentPayload({ ...payment, Purpose: 'a=b' }))).toEqual([
      ['Name', payment.Name],
      ['PersonalAcc', payment.PersonalAcc],
      ['BankName', payment.BankName],
      ['BIC', payment.BIC],
      ['CorrespAcc', payment.CorrespAcc],
      ['PayeeINN', payment.PayeeINN],
      ['KPP', payment.KPP],
      ['Sum', '150000'],
      ['Purpose', 'a=b'],
    ]);
    expect(() => parseGostPayload('ST00011|Name=x')).toThrow(RangeError);
  });

  it('survives a QR code: rendered with qrcode, decoded with jsQR to exactly the same fields', () => {
    const decoded = renderAndDecode(EXPECTED);
    expect(decoded).toBe(EXPECTED);
    expect(Object.fromEntries(parseGostPayload(decoded!))).toEqual({
      Name: 'ПК "Восход"',
      PersonalAcc: '40702810938000000001',
      BankName: 'ПАО Сбербанк',
      BIC: '044525225',
      CorrespAcc: '30101810400000000225',
      PayeeINN: '7707083893',
      KPP: '773601001',
      Sum: '150000',
      Purpose: 'Паевой взнос по требованию № 7 (без НДС)',
    });
  });
});
