import { SMTPServer } from 'smtp-server';
import { freePort } from './server-process.js';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Subject and text decoded, whatever transfer encoding the sender chose. */
  text: string;
}

function decode(raw: string): string {
  const [headers = '', ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const text = /Content-Transfer-Encoding: base64/i.test(headers)
    ? Buffer.from(body, 'base64').toString('utf8')
    : body;
  const subject = [...headers.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/gi)]
    .map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
    .join('');
  const plainSubject = headers.match(/^Subject: (?!=\?)(.*)$/m)?.[1] ?? '';
  return `${plainSubject}${subject}\n${text}`;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decode(raw),
        });
        done();
      });
    },
  });
  const taken = new Set<(typeof received)[number]>();
  const latestCodeMail = (to: string) =>
    [...received].reverse().find((m) => m.to.includes(to) && /\b\d{6}\b/.test(m.text));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The latest 6-digit code mailed to `to`. */
    codeFor(to: string): string {
      const code = latestCodeMail(to)?.text.match(/\b\d{6}\b/)?.[0];
      if (!code) throw new Error(`no code mailed to ${to}`);
      return code;
    },
    /**
     * Waits for a code mail to `to` that this has not returned before (mail leaves through a
     * queue, after the answer), and returns its code.
     */
    async nextCode(to: string): Promise<string> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mail = latestCodeMail(to);
        if (mail && !taken.has(mail)) {
          taken.add(mail);
          return mail.text.match(/\b\d{6}\b/)![0];
        }
        if (Date.now() > deadline) throw new Error(`no new code mailed to ${to}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
