import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Session, TokenResponse } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { MemberEvents } from '../realtime/member-events.js';
import { ACCESS_TOKEN_SECONDS, TokenService } from '../tokens/token.service.js';
import { maskIp } from './mask-ip.js';
import { SessionsRepository } from './sessions.repository.js';
import type { RefreshTokenRow, SessionRow } from './sessions.repository.js';

export const SESSION_DAYS = 30;
/**
 * A session opened with a Recovery Kit the member has not confirmed yet (registration,
 * recovery) lives this long until the kit is confirmed: an abandoned registration does not leave
 * a session behind for weeks.
 */
export const UNCONFIRMED_KIT_HOURS = 24;
/**
 * A spent refresh token presented again this soon (a lost answer retried, tabs refreshing at
 * once) gets the successor it was already rotated into; later, it means the token was copied.
 */
export const REFRESH_GRACE_MS = 30_000;

export interface Member {
  userId: string;
  sessionId: string;
  /** The last second factor proven in this session (step-up, ADR 019). */
  steppedUpAt?: Date | null;
}

export interface NewSessionInput {
  userId: string;
  amr: string[];
  deviceName?: string | undefined;
  ip: string;
  /** The account's Recovery Kit is not confirmed yet: a short life until it is. */
  kitUnconfirmed?: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newRefreshToken = () => randomBytes(32).toString('base64url');

/**
 * A successor kept beside its spent token is masked with a key that only the spent token gives
 * (the database holds just its hash) before it is sealed: whoever steals the database and
 * `MASTER_KEYS` still cannot open a session's live refresh token. Applying it twice unmasks.
 */
function maskSuccessor(spentToken: string, token: Uint8Array): Uint8Array {
  const key = Buffer.from(spentToken, 'base64url');
  const mask = new Uint8Array(
    hkdfSync('sha256', key, new Uint8Array(), 'cardcoop/v1/refresh-successor', token.length),
  );
  return token.map((byte, i) => byte ^ mask[i]!);
}

@Injectable()
export class SessionsService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MemberEvents) private readonly events: MemberEvents,
  ) {}

  async isKnownDevice(userId: string, deviceName: string | undefined): Promise<boolean> {
    return this.sessions.knownDevice(userId, deviceName ?? null);
  }

  /**
   * Opens a session and answers with its first token pair; joins the caller's transaction `tx`
   * if given. `eventFor` makes the audit event of the session (from its id), appended in the
   * same transaction.
   */
  async open(
    input: NewSessionInput,
    opening: { tx?: AppDatabase; eventFor?: (sessionId: string) => PendingEvent } = {},
  ): Promise<TokenResponse> {
    const refreshToken = newRefreshToken();
    const session = await this.sessions.create(
      {
        userId: input.userId,
        amr: input.amr,
        deviceName: input.deviceName ?? null,
        ipSealed: this.crypto.seal('ip', input.ip, `user:${input.userId}`),
        // A sign-in with a second factor is a step-up too (ADR 019), for its first five minutes.
        steppedUpAt: input.amr.includes('otp') ? new Date() : null,
        expiresAt: new Date(
          Date.now() +
            (input.kitUnconfirmed ? UNCONFIRMED_KIT_HOURS * 3_600_000 : SESSION_DAYS * 86_400_000),
        ),
      },
      hashToken(refreshToken),
      opening,
    );
    return this.tokenResponse(session, refreshToken);
  }

  private async tokenResponse(session: SessionRow, refreshToken: string): Promise<TokenResponse> {
    const accessToken = await this.tokens.sign({
      sub: session.userId,
      sid: session.id,
      aud: 'member',
      scope: 'member',
      amr: session.amr,
    });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      session_id: session.id,
      user_id: session.userId,
    };
  }

  /**
   * Spends a refresh token and issues the next pair. The chain never branches: a token spent
   * within the grace window whose successor is still unspent gets that same successor again
   * (with a fresh access token); any other spent token means it was copied and replayed, so the
   * whole session is revoked.
   */
  async refresh(refreshToken: string, ip: string): Promise<TokenResponse> {
    const hash = hashToken(refreshToken);
    const found = await this.sessions.findByRefreshHash(hash);
    if (!found) throw new AppError('INVALID_TOKEN', 401);
    const { token, session } = found;
    assertLive(session);
    if (token.spentAt === null) {
      const next = newRefreshToken();
      const masked = maskSuccessor(refreshToken, Buffer.from(next, 'base64url'));
      const sealed = this.crypto.seal('refresh', masked, `refresh:${hash}`);
      if (await this.sessions.rotate(hash, hashToken(next), sealed)) {
        return this.tokenResponse(session, next);
      }
    }
    // Spent, perhaps just now by a concurrent refresh: read it as it is now.
    const spent = token.spentAt === null ? await this.sessions.findRefreshToken(hash) : token;
    const successor = spent && (await this.successorWithinGrace(refreshToken, spent));
    if (successor) return this.tokenResponse(session, successor);
    const event = this.audit.eventFor(
      session.userId,
      'session.refresh_reuse',
      { session_id: session.id },
      ip,
    );
    // Not revoked here when a concurrent request already did (and published it).
    if (await this.sessions.revoke(session.id, session.userId, 'refresh_token_reuse', event)) {
      this.ended(session.userId, [session.id]);
    }
    throw new AppError('SESSION_REVOKED', 401);
  }

  /**
   * The token a spent one was rotated into, while the spending is within the grace window and
   * the successor itself is unspent (the chain has not moved on); undefined otherwise.
   */
  private async successorWithinGrace(
    spentToken: string,
    spent: RefreshTokenRow,
  ): Promise<string | undefined> {
    if (!spent.spentAt || !spent.successorSealed) return undefined;
    if (Date.now() - spent.spentAt.getTime() > REFRESH_GRACE_MS) return undefined;
    const masked = this.crypto.openBytes('refresh', spent.successorSealed, `refresh:${spent.hash}`);
    const successor = Buffer.from(maskSuccessor(spentToken, masked)).toString('base64url');
    const next = await this.sessions.findRefreshToken(hashToken(successor));
    return next?.spentAt === null ? successor : undefined;
  }

  /** The member behind a bearer token, if its session is still live (read from the primary). */
  async authenticate(accessToken: string): Promise<Member> {
    return (await this.authenticateUntil(accessToken)).member;
  }

  /** As `authenticate`, with when the token expires (ms since the epoch): a socket's end. */
  async authenticateUntil(accessToken: string): Promise<{ member: Member; expiresAt: number }> {
    const claims = await this.tokens.verify(accessToken, 'member');
    const session = await this.sessions.find(claims.sid);
    // A validly signed token whose session is gone (e.g. the account was deleted) has ended.
    if (!session) throw new AppError('SESSION_REVOKED', 401);
    if (session.userId !== claims.sub) throw new AppError('INVALID_TOKEN', 401);
    assertLive(session);
    return {
      member: { userId: session.userId, sessionId: session.id, steppedUpAt: session.steppedUpAt },
      expiresAt: claims.exp! * 1000,
    };
  }

  /** The member confirmed the Recovery Kit: this session gets the full life of a session. */
  async kitConfirmed(member: Member): Promise<void> {
    await this.sessions.extendTo(member.sessionId, SESSION_DAYS);
  }

  async list(member: Member): Promise<Session[]> {
    const rows = await this.sessions.listLive(member.userId);
    return rows.map((row) => ({
      id: row.id,
      device_name: row.deviceName,
      ip_masked: row.ipSealed
        ? maskIp(this.crypto.open('ip', row.ipSealed, `user:${row.userId}`))
        : null,
      created_at: row.createdAt.toISOString(),
      last_used_at: row.lastUsedAt.toISOString(),
      current: row.id === member.sessionId,
    }));
  }

  /** Ends one session of the member, with its audit event in the same statement. */
  async revoke(member: Member, sessionId: string, ip: string): Promise<void> {
    const reason = sessionId === member.sessionId ? 'logout' : 'revoked_by_member';
    const event = this.audit.eventFor(
      member.userId,
      'session.revoked',
      { session_id: sessionId },
      ip,
    );
    // Someone else's session is "not found": its existence is not ours to confirm.
    if (!(await this.sessions.revoke(sessionId, member.userId, reason, event)))
      throw new AppError('NOT_FOUND', 404);
    this.ended(member.userId, [sessionId]);
  }

  /**
   * Ends every session of a user in the caller's transaction `tx`, whose own event records it
   * (recovery, e-mail revert). The ids of the sessions it ended: publish them with `ended` once
   * `tx` has committed.
   */
  async revokeAll(tx: AppDatabase, userId: string, reason: string): Promise<string[]> {
    return this.sessions.revokeAllOf(userId, reason, { tx });
  }

  /**
   * Ends every session of the member but the current one, with the `session.revoked_others`
   * event in the same transaction: `tx` if given (the caller then publishes the ids with `ended`
   * after its commit), else one of its own, published at once. The ids of the sessions it ended.
   */
  async revokeOthers(member: Member, ip: string, tx?: AppDatabase): Promise<string[]> {
    const ids = await this.sessions.revokeAllOf(member.userId, 'revoked_by_member', {
      except: member.sessionId,
      eventFor: (count) =>
        this.audit.eventFor(member.userId, 'session.revoked_others', { count }, ip),
      ...(tx ? { tx } : {}),
    });
    if (!tx) this.ended(member.userId, ids);
    return ids;
  }

  /** The tabs holding these sessions sign out at once, on whichever node they are connected. */
  ended(userId: string, sessionIds: string[]): void {
    for (const id of sessionIds)
      this.events.publish(userId, { type: 'session.revoked', session_id: id });
  }
}

function assertLive(session: SessionRow): void {
  if (session.revokedAt || session.expiresAt.getTime() <= Date.now())
    throw new AppError('SESSION_REVOKED', 401);
}
