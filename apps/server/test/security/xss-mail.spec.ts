import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/common/i18n/locale.js';
import type { JobQueue } from '../../src/infra/jobs/job-queue.js';
import type { MailTemplate } from '../../src/modules/mail/mail.templates.js';
import { MailService } from '../../src/modules/mail/mail.service.js';
import { SmtpMailer } from '../../src/modules/mail/smtp.mailer.js';
import type { MailNotice } from '../../src/modules/notifications/notice-mail.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import type { ReceivedMail } from '../support/smtp-sink.js';

// Every string a mail carries that someone other than the platform typed (a cooperative's name,
// a meeting title, a device label, an operator's reason, a webhook host), filled with markup,
// script URLs, template syntax and header breaks, sent over real SMTP and read back raw.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '</style><svg onload=alert(1)>',
];
const NASTY = PAYLOADS.join(' ');
/** A string that would add a header (and a recipient) if a subject line were built by hand. */
const HEADER_BREAK = 'Coop\r\nBcc: victim@evil.example\r\nX-Injected: yes';

const notice = (type: MailNotice['type'], data: object, displayName = NASTY): MailNotice =>
  ({ type, data, display_name: displayName }) as MailNotice;
const meeting = {
  meeting_id: crypto.randomUUID(),
  title: NASTY,
  starts_at: '2026-12-24T10:00:00Z',
};

/** One mail of every kind that carries a stored string; the record's type makes it every kind. */
const TEMPLATES: Record<
  Exclude<
    MailTemplate['kind'],
    // Nothing typed by anyone but the platform goes into these.
    | 'code'
    | 'someone-tried-to-register'
    | 'totp-disabled'
    | 'password-changed'
    | 'recovery-kit-issued'
    | 'deletion-scheduled'
    | 'deletion-cancelled'
    | 'address-in-use'
    | 'login-locked'
    | 'totp-enabled'
    | 'email-changed'
  >,
  MailTemplate[]
> = {
  'new-device-login': [{ kind: 'new-device-login', device: NASTY, at: '2026-12-06 04:00' }],
  notification: [
    notice('security.new_device', { device: NASTY }),
    notice('meeting.announced', meeting),
    notice('meeting.cancelled', meeting, HEADER_BREAK),
    notice('grant.shared', {}),
    notice('application.rejected', { reason: NASTY }),
    notice('webhook.disabled', { endpoint_id: meeting.meeting_id, host: NASTY, reason: 'gone' }),
  ].map((n) => ({ kind: 'notification', notice: n })),
  'notification-digest': [
    {
      kind: 'notification-digest',
      notices: [notice('meeting.soon', meeting), notice('balance.changed', {}, HEADER_BREAK)],
    },
  ],
  'claim-approved': [
    { kind: 'claim-approved', coopname: 'coopa', displayName: HEADER_BREAK },
    { kind: 'claim-approved', coopname: 'coopa', displayName: NASTY },
  ],
  'claim-rejected': [
    { kind: 'claim-rejected', coopname: 'coopa', displayName: NASTY, reason: NASTY },
  ],
  'operator-application': [
    {
      kind: 'operator-application',
      event: 'rejected',
      coopname: 'coopa',
      displayName: HEADER_BREAK,
      reason: NASTY,
    },
  ],
  'staff-invitation': [
    {
      kind: 'staff-invitation',
      cooperative: HEADER_BREAK,
      role: 'admin',
      url: 'https://card.coop/business/invitations/abc',
      expires: '12 December 2026',
    },
    {
      kind: 'staff-invitation',
      cooperative: NASTY,
      role: 'viewer',
      url: 'https://card.coop/business/invitations/def',
      expires: '12 December 2026',
    },
  ],
  'webhook-disabled': [
    {
      kind: 'webhook-disabled',
      coopname: 'coopa',
      displayName: HEADER_BREAK,
      host: NASTY,
      reason: 'failing',
    },
  ],
  'virtual-cards-monthly': [
    {
      kind: 'virtual-cards-monthly',
      coopname: 'coopa',
      displayName: NASTY,
      month: '2026-11',
      cards: 2,
      totals: [],
    },
  ],
};

/** Quoted-printable or base64 body, and RFC 2047 encoded words, back to text. */
function decodeBody(headers: string, body: string): string {
  if (/Content-Transfer-Encoding: base64/i.test(headers))
    return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers))
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}
function decodeSubject(headers: string): string {
  const folded = headers.replace(/\r\n[ \t]+/g, ' ');
  const line = folded.match(/^Subject: (.*)$/m)?.[1] ?? '';
  return line
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody('Content-Transfer-Encoding: quoted-printable', text.replace(/_/g, ' ')),
    );
}

describe('XSS and header injection in e-mails', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let mailer: SmtpMailer;
  let mail: MailService;
  const sent: { template: MailTemplate; locale: Locale; received: ReceivedMail }[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = new SmtpMailer(sink.url);
    // `deliver` is what the mail job runs: render, then send; the queue itself is not needed.
    const queue = { handle: () => undefined } as unknown as JobQueue;
    mail = new MailService(mailer, queue);
    for (const template of Object.values(TEMPLATES).flat())
      for (const locale of ['en', 'ru'] as const) {
        const before = sink.received.length;
        await mail.deliver({ to: 'member@coop.example', template, locale });
        expect(sink.received).toHaveLength(before + 1);
        sent.push({ template, locale, received: sink.received.at(-1)! });
      }
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });

  it('sends every mail as one text/plain part: no HTML in which markup could run', () => {
    expect(sent.length).toBeGreaterThanOrEqual(2 * 14);
    for (const { template, received } of sent) {
      const [headers = ''] = received.raw.split('\r\n\r\n');
      expect(headers, template.kind).toMatch(/^Content-Type: text\/plain; charset=utf-8$/im);
      expect(received.raw, template.kind).not.toMatch(/text\/html|multipart\//i);
    }
  });

  it('shows the payloads literally: not evaluated, not dropped', () => {
    for (const { template, locale, received } of sent) {
      const [headers = '', ...rest] = received.raw.split('\r\n\r\n');
      const text = decodeBody(headers, rest.join('\r\n\r\n'));
      const shown = `${decodeSubject(headers)}\n${text}`;
      if (!shown.includes(PAYLOADS[0]!)) continue; // a mail with only the header-break payload
      for (const payload of PAYLOADS)
        expect(shown, `${template.kind} ${locale}`).toContain(payload);
      expect(shown).not.toMatch(/\b49\b/);
    }
    // Every kind showed them in at least one of its mails.
    const kinds = new Set(
      sent
        .filter(({ received }) => {
          const [headers = '', ...rest] = received.raw.split('\r\n\r\n');
          return decodeBody(headers, rest.join('\r\n\r\n')).includes(PAYLOADS[1]!);
        })
        .map(({ template }) => template.kind),
    );
    expect([...kinds].sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('a line break in a stored name adds no header and no recipient', () => {
    const broken = sent.filter(({ template }) => JSON.stringify(template).includes('Bcc'));
    expect(broken.length).toBeGreaterThanOrEqual(2 * 6);
    for (const { template, received } of sent) {
      const [headers = ''] = received.raw.split('\r\n\r\n');
      expect(headers, template.kind).not.toMatch(/^(Bcc|X-Injected):/im);
      expect(received.to).toEqual(['member@coop.example']);
    }
    // In a subject the break is folded into the line: the name is still shown, as text.
    const subjects = broken.map(({ received }) =>
      decodeSubject(received.raw.split('\r\n\r\n')[0]!),
    );
    expect(
      subjects.filter((subject) =>
        subject.includes('Coop Bcc: victim@evil.example X-Injected: yes'),
      ).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
