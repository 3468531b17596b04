import { randomUUID } from 'node:crypto';
import type { Cache } from '../../infra/cache/cache.js';
import type { Logger } from '../../common/logging/logger.js';
import type { MailMessage, Mailer } from './mailer.js';

export interface StoredMail extends MailMessage {
  id: string;
  sent_at: string;
}

const KEY = 'dev-mailbox';
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEEP_COUNT = 200;

/**
 * Development only: mails are kept in the cache (never in the database, so a database dump
 * holds no plaintext address) for a day, listed at /api/v1/dev/mailbox and written to the log.
 */
export class DevMailbox implements Mailer {
  constructor(
    private readonly cache: Cache,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const mail: StoredMail = { id: randomUUID(), sent_at: new Date().toISOString(), ...message };
    const lock = await this.waitForLock();
    try {
      const mails = [mail, ...(await this.list())].slice(0, KEEP_COUNT);
      await this.cache.set(KEY, JSON.stringify(mails), KEEP_MS);
    } finally {
      await lock?.release();
    }
    // The log is a developer's mailbox too; the redactor masks the address and the code.
    this.logger.info(
      { mail: { subject: message.subject, to: message.to } },
      'dev mailbox: mail stored',
    );
  }

  async list(): Promise<StoredMail[]> {
    const stored = await this.cache.get(KEY);
    return stored ? (JSON.parse(stored) as StoredMail[]) : [];
  }

  private async waitForLock() {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const lock = await this.cache.tryLock(KEY, 2000);
      if (lock) return lock;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return null;
  }
}
