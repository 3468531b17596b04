import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Session, TokenResponse } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCESS_TOKEN_SECONDS, TokenService } from '../tokens/token.service.js';
import { SessionsRepository } from './sessions.repository.js';
import type { SessionRow } from './sessions.repository.js';

export const SESSION_DAYS = 30;
/** Two tabs refreshing with the same token at once is not theft. */
export const REFRESH_GRACE_MS = 30_000;
/** Parallel refresh chains a session may grow through the grace window. */
const MAX_LIVE_REFRESH_TOKENS = 5;

export interface Member {
  userId: string;
  sessionId: string;
}

export interface NewSessionInput {
  userId: string;
  amr: string[];
  deviceName?: string | undefined;
  ip: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newRefreshToken = () => randomBytes(32).toString('base64url');

@Injectable()
export class SessionsService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async isKnownDevice(userId: string, deviceName: string | undefined): Promise<boolean> {
    return this.sessions.knownDevice(userId, deviceName ?? null);
  }

  /** Opens a session and answers with its first token pair; joins the caller's transaction. */
  async open(input: NewSessionInput, tx?: AppDatabase): Promise<TokenResponse> {
    const refreshToken = newRefreshToken();
    const session = await this.sessions.create(
      {
        userId: input.userId,
        amr: input.amr,
        deviceName: input.deviceName ?? null,
        ipSealed: this.crypto.seal('ip', input.ip, `user:${input.userId}`),
        expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
      },
      hashToken(refreshToken),
      tx,
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
   * Spends a refresh token and issues the next pair. A token spent within the grace window
   * (another tab won the race) gets a pair of its own; one spent earlier means it was stolen
   * and replayed, so the whole session is revoked.
   */
  async refresh(refreshToken: string, ip: string): Promise<TokenResponse> {
    const found = await this.sessions.findByRefreshHash(hashToken(refreshToken));
    if (!found) throw new AppError('INVALID_TOKEN', 401);
    const { token, session } = found;
    assertLive(session);
    const next = newRefreshToken();
    if (token.spentAt === null && (await this.sessions.rotate(token.hash, hashToken(next)))) {
      return this.tokenResponse(session, next);
    }
    const spentAt = token.spentAt?.getTime() ?? Date.now();
    const withinGrace = Date.now() - spentAt <= REFRESH_GRACE_MS;
    if (
      !withinGrace ||
      (await this.sessions.liveTokenCount(session.id)) >= MAX_LIVE_REFRESH_TOKENS
    ) {
      await this.sessions.revoke(session.id, 'refresh_token_reuse');
      await this.audit.record(
        session.userId,
        'session.refresh_reuse',
        { session_id: session.id },
        ip,
      );
      throw new AppError('SESSION_REVOKED', 401);
    }
    await this.sessions.addRefreshToken(session.id, hashToken(next));
    return this.tokenResponse(session, next);
  }

  /** The member behind a bearer token, if its session is still live (read from the primary). */
  async authenticate(accessToken: string): Promise<Member> {
    const claims = await this.tokens.verify(accessToken, 'member');
    const session = await this.sessions.find(claims.sid);
    // A validly signed token whose session is gone (e.g. the account was deleted) has ended.
    if (!session) throw new AppError('SESSION_REVOKED', 401);
    if (session.userId !== claims.sub) throw new AppError('INVALID_TOKEN', 401);
    assertLive(session);
    return { userId: session.userId, sessionId: session.id };
  }

  async list(member: Member): Promise<Session[]> {
    const rows = await this.sessions.listLive(member.userId);
    return rows.map((row) => ({
      id: row.id,
      device_name: row.deviceName,
      created_at: row.createdAt.toISOString(),
      last_used_at: row.lastUsedAt.toISOString(),
      current: row.id === member.sessionId,
    }));
  }

  async revoke(member: Member, sessionId: string, ip: string): Promise<void> {
    const session = await this.sessions.find(sessionId);
    // Someone else's session is "not found": its existence is not ours to confirm.
    if (!session || session.userId !== member.userId || session.revokedAt)
      throw new AppError('NOT_FOUND', 404);
    await this.sessions.revoke(
      sessionId,
      sessionId === member.sessionId ? 'logout' : 'revoked_by_member',
    );
    await this.audit.record(member.userId, 'session.revoked', { session_id: sessionId }, ip);
  }

  /** Ends every session of a user (recovery, e-mail revert); returns how many. */
  async revokeAll(userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllOf(userId, reason);
  }

  async revokeOthers(member: Member, ip: string): Promise<number> {
    const count = await this.sessions.revokeAllOf(
      member.userId,
      'revoked_by_member',
      member.sessionId,
    );
    await this.audit.record(member.userId, 'session.revoked_others', { count }, ip);
    return count;
  }
}

function assertLive(session: SessionRow): void {
  if (session.revokedAt || session.expiresAt.getTime() <= Date.now())
    throw new AppError('SESSION_REVOKED', 401);
}
