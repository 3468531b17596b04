import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/logging/logger.js';
import { fromWire } from './aifory-wire-mapping.js';

const PAN = '4111111111111111';
const CVV = '737';
const EXPIRY = '09/29';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', stream), text: () => lines.join('') };
}

describe('logging a provider object', () => {
  const requisites = fromWire.requisites({
    card_id: 'card_7',
    pan: PAN,
    expiry: EXPIRY,
    cvv: CVV,
    holder_name: 'IVAN PETROV',
    billing_address: {
      line1: '1 Main St',
      city: 'Dover',
      state: 'DE',
      postal_code: '19901',
      country: 'US',
    },
  });

  it('never prints the card number, expiry or CVV, at any depth', () => {
    const { logger, text } = capture();
    logger.debug({ card: requisites }, 'revealed');
    logger.debug({ answer: { result: { ...requisites, card_id: 'card_7' } } }, 'raw');
    logger.info({ list: [{ deep: { deeper: { requisites } } }], company: 'Acme' }, 'nested');
    const output = text();
    expect(output).toContain('"cardId":"card_7"');
    expect(output).toContain('"company":"Acme"');
    for (const secret of [PAN, PAN.slice(-8), CVV, EXPIRY]) {
      expect(output).not.toContain(secret);
    }
    expect(output.match(/\[REDACTED\]/g)?.length).toBeGreaterThanOrEqual(7);
  });
});
