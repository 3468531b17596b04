import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { tooManyRequests } from '../../common/errors/app-error.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import type { LockStep } from './login-failures.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

/** Whole minutes, rounded up, until `until`. */
const minutesUntil = (until: Date) => Math.ceil((until.getTime() - Date.now()) / 60_000);

/** Unproven password rounds of one client before it is locked out of the address, and for how long. */
const CLIENT_STEPS: LockStep[] = [
  [5, 60],
  [10, 300],
  [20, 1800],
];
/**
 * Rounds from clients that never signed in to the address, together (many IPs guessing one
 * password): past 100 an hour, only devices that signed in before may try (NIST SP 800-63B).
 */
const UNKNOWN_CLIENTS = '*';
const UNKNOWN_CLIENTS_STEPS: LockStep[] = [[100, 3600]];
const WINDOW_SECONDS = 3600;

/** Who is trying: a device that signed in to this account before, or else an IP address. */
export interface LoginClient {
  userId: string | null;
  ip: string;
  deviceToken?: string | undefined;
  /** A signed-in member re-proving their password: keyed by session. */
  sessionId?: string | undefined;
}

/**
 * The login lockout, kept in PostgreSQL (a cache restart cannot reset it) and keyed by
 * (address, client), so a stranger's guesses lock out only the stranger: a device the owner
 * signed in from carries a device token and has an allowance of its own; other clients are
 * told apart by IP and, together, capped per address. A password round counts as failed from
 * the moment it starts (an OPAQUE client learns a wrong guess from round one and need never
 * send round two) until a proof succeeds. Unknown addresses are counted exactly like real ones.
 */
@Injectable()
export class LoginLockout {
  constructor(
    @Inject(LoginFailuresRepository) private readonly failures: LoginFailuresRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
  ) {}

  /** A token naming one device of one account; the server keeps nothing of it. */
  deviceToken(userId: string): string {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.deviceMac(userId, id)}`;
  }

  /** Whether `token` is a device token this server issued for this account. */
  isDeviceOf(userId: string, token: string): boolean {
    const [id, mac] = token.split('.');
    return Boolean(id && mac && this.validDevice(userId, id, mac));
  }

  /**
   * Counts a password round that starts now. 429 TOO_MANY_ATTEMPTS (with Retry-After) while the
   * client is locked out, and when this very round locks it — after `onLock` has been told for
   * how many minutes (to tell the owner). `lockEvent` makes the audit event of such a lock of an
   * account (for how many minutes), appended in the transaction of the lock.
   */
  async countRound(
    emailLookup: string,
    client: LoginClient,
    onLock: (minutes: number) => Promise<void>,
    lockEvent?: (userId: string, minutes: number) => PendingEvent,
  ): Promise<void> {
    const key = this.clientKey(client);
    const rows = [{ client: key, steps: CLIENT_STEPS }];
    if (!key.startsWith('device:') && !key.startsWith('session:'))
      rows.push({ client: UNKNOWN_CLIENTS, steps: UNKNOWN_CLIENTS_STEPS });
    // Given for an unknown address too (no event then): both do the same work.
    const audited = lockEvent && {
      subjectId: client.userId,
      eventFor: (userId: string, until: Date) => lockEvent(userId, minutesUntil(until)),
    };
    const counted = await this.failures.count(emailLookup, rows, WINDOW_SECONDS, audited);
    const newLock = counted.find((row) => row.lockedUntil !== null);
    if (newLock?.lockedUntil) {
      await onLock(minutesUntil(newLock.lockedUntil));
      throw lockedOut(newLock.lockedUntil);
    }
    if (counted.length < rows.length) {
      const until = await this.failures.lockedUntil(
        emailLookup,
        rows.map((row) => row.client),
      );
      // The lock ended between the two statements: let this round through.
      if (until) throw lockedOut(until);
    }
  }

  /** A proven password: this client's count (and the unknown clients' one) starts again. */
  async clear(emailLookup: string, client: LoginClient): Promise<void> {
    await this.failures.clear(emailLookup, [this.clientKey(client), UNKNOWN_CLIENTS]);
  }

  private clientKey({ userId, ip, deviceToken, sessionId }: LoginClient): string {
    if (sessionId) return `session:${sessionId}`;
    if (userId && deviceToken && this.isDeviceOf(userId, deviceToken))
      return `device:${deviceToken.split('.')[0]}`;
    return `ip:${this.crypto.lookup('ip', ip)}`;
  }

  private validDevice(userId: string, id: string, mac: string): boolean {
    const given = Buffer.from(mac);
    return this.crypto.lookups('device', `${userId}:${id}`).some((lookup) => {
      const expected = Buffer.from(lookup.slice(lookup.indexOf('.') + 1));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  }

  private deviceMac(userId: string, id: string): string {
    const lookup = this.crypto.lookup('device', `${userId}:${id}`);
    return lookup.slice(lookup.indexOf('.') + 1);
  }
}

function lockedOut(until: Date) {
  return tooManyRequests('TOO_MANY_ATTEMPTS', (until.getTime() - Date.now()) / 1000);
}
