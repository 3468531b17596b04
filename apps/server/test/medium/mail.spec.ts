import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService } from '../../src/modules/mail/mail.service.js';
import { SmtpMailer } from '../../src/modules/mail/smtp.mailer.js';
import { freePort } from '../support/server-process.js';

interface Received {
  to: string[];
  raw: string;
}

/** The text of a single-part mail, whatever transfer encoding nodemailer chose. */
function bodyOf(raw: string): string {
  const [headers = '', ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  return /Content-Transfer-Encoding: base64/i.test(headers)
    ? Buffer.from(body, 'base64').toString('utf8')
    : body;
}

describe('SMTP mail', () => {
  const received: Received[] = [];
  let sink: SMTPServer;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

  it('delivers a rendered code mail in the chosen language over SMTP', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`);
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
    expect(received).toHaveLength(2);
    expect(received[0]!.to).toEqual(['anna@coop.example']);
    expect(received[0]!.raw).toContain('482913');
    expect(received[0]!.raw).toContain('registration code');
    expect(bodyOf(received[1]!.raw)).toContain('«Firefox»');
  });

  it('turns a transport failure into SERVICE_UNAVAILABLE', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${await freePort()}`);
    await expect(
      new MailService(mailer).send('x@coop.example', { kind: 'someone-tried-to-register' }, 'en'),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    mailer.close();
  });
});
