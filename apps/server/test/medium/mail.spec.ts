import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService } from '../../src/modules/mail/mail.service.js';
import { SmtpMailer } from '../../src/modules/mail/smtp.mailer.js';
import { freePort } from '../support/server-process.js';
import { startSmtpSink } from '../support/smtp-sink.js';

describe('SMTP mail', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('delivers rendered mails in the chosen language over SMTP', async () => {
    const mailer = new SmtpMailer(sink.url);
    const mail = new MailService(mailer);
    await mail.send(
      'anna@coop.example',
      { kind: 'code', code: '482913', purpose: 'registration', minutes: 10 },
      'en',
    );
    await mail.send(
      'anna@coop.example',
      { kind: 'new-device-login', device: 'Firefox', at: '2026-11-22 10:00' },
      'ru',
    );
    mailer.close();
    expect(sink.received).toHaveLength(2);
    expect(sink.received[0]!.to).toEqual(['anna@coop.example']);
    expect(sink.received[0]!.text).toContain('Your registration code: 482913');
    expect(sink.received[1]!.text).toContain('«Firefox»');
    expect(sink.received[1]!.text).toContain('Вход в CARD.COOP с нового устройства');
    expect(sink.codeFor('anna@coop.example')).toBe('482913');
  });

  it('turns a transport failure into SERVICE_UNAVAILABLE', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${await freePort()}`);
    await expect(
      new MailService(mailer).send('x@coop.example', { kind: 'someone-tried-to-register' }, 'en'),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    mailer.close();
  });
});
