import { describe, expect, it } from 'vitest';
import { maskEmails, redact, REDACTED, redactUrl } from './redact.js';

describe('redact', () => {
  it('replaces secrets at any depth and keeps safe fields', () => {
    const input = {
      statusCode: 401,
      errorCode: 'UNAUTHORIZED',
      headers: {
        authorization: 'Bearer abc.def',
        cookie: '__Host-rt=xyz',
        accept: 'application/json',
      },
      body: {
        email: 'ivan.petrov@example.org',
        password: 'hunter2',
        nested: [{ refresh_token: 'r1' }, { code: '123456', recoveryKey: 'K' }],
        registration_record: 'AAAA',
        wrapped_user_key: 'BBBB',
      },
    };
    const output = JSON.stringify(redact(input));
    for (const secret of [
      'abc.def',
      'xyz',
      'hunter2',
      'r1',
      '123456',
      '"K"',
      'AAAA',
      'BBBB',
      'ivan.petrov',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('"statusCode":401');
    expect(output).toContain('"errorCode":"UNAUTHORIZED"');
    expect(output).toContain('"accept":"application/json"');
    expect(output).toContain('i***@example.org');
    expect(output).toContain(REDACTED);
  });

  it('masks e-mails inside free text', () => {
    expect(maskEmails('sent to anna@coop.example and bob@coop.example')).toBe(
      'sent to a***@coop.example and b***@coop.example',
    );
  });

  it('redacts sensitive query parameters but keeps the rest', () => {
    expect(redactUrl('/cb?ticket=T123&state=s1&token=abc')).toBe(
      `/cb?ticket=${encodeURIComponent(REDACTED)}&state=s1&token=${encodeURIComponent(REDACTED)}`,
    );
    expect(redactUrl('/plain/path')).toBe('/plain/path');
  });

  it('stops at a bounded depth instead of walking forever', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 20; i += 1) deep = { inner: deep };
    expect(JSON.stringify(redact(deep))).toContain('[…]');
  });
});
