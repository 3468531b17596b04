import { Inject, Injectable } from '@nestjs/common';
import type {
  AdminAuditPage,
  AdminAuditQuery,
  AdminUser,
  DeletionCompleted,
  MemberExport,
  PendingDeletionList,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { DeletionService } from '../auth/deletion.service.js';
import { MemberEvents } from '../realtime/member-events.js';
import type { AdminActor } from './admin-actor.js';
import { AdminAuditService } from './admin-audit.service.js';
import { adminEvent } from './admin-events.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import type { AdminUserRow } from './admin-users.repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function present(row: AdminUserRow): AdminUser {
  return {
    user_id: row.id,
    created_at: row.createdAt.toISOString(),
    status: row.lockedAt ? 'locked' : row.deletionDueAt ? 'deletion_pending' : 'active',
    locked_at: iso(row.lockedAt),
    deletion_due_at: iso(row.deletionDueAt),
    totp_enabled: row.totpEnabledAt !== null,
    sessions: row.liveSessions,
    last_sign_in_at: iso(row.lastSignInAt),
  };
}

/** Dates as ISO strings, everything else as it is: the export's JSON. */
const plain = <T extends object>(row: T): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : value,
    ]),
  );

/**
 * The platform admin's view of members: found by exact e-mail (its HMAC lookup), locked,
 * unlocked, signed out everywhere, exported, deleted on request. Every action is audited on
 * the member's own chain with the admin's id.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MemberEvents) private readonly events: MemberEvents,
    @Inject(DeletionService) private readonly deletion: DeletionService,
    @Inject(AdminAuditService) private readonly auditLog: AdminAuditService,
  ) {}

  async findByEmail(email: string): Promise<AdminUser> {
    const row = await this.users.findByLookups(this.crypto.lookups('email', normalizeEmail(email)));
    if (!row) throw new AppError('NOT_FOUND', 404);
    return present(row);
  }

  async get(userId: string): Promise<AdminUser> {
    const row = await this.users.find(userId);
    if (!row) throw new AppError('NOT_FOUND', 404);
    return present(row);
  }

  /** Locks the account and ends every session; 404 unknown, 409 already locked. */
  async lock(userId: string, reason: string, actor: AdminActor, ip: string): Promise<AdminUser> {
    const event = adminEvent(this.audit, userId, 'account.locked', actor, { reason }, ip);
    const ended = await this.users.lock(userId, event);
    if (!ended) return this.refuse(userId);
    this.signedOut(userId, ended);
    return this.get(userId);
  }

  async unlock(userId: string, actor: AdminActor, ip: string): Promise<AdminUser> {
    const event = adminEvent(this.audit, userId, 'account.unlocked', actor, {}, ip);
    if (!(await this.users.unlock(userId, event))) await this.refuse(userId);
    return this.get(userId);
  }

  /** Ends every session of the member, with its audit event in the same transaction. */
  async endSessions(userId: string, actor: AdminActor, ip: string): Promise<number> {
    const ended = await this.users.endSessions(userId, 'ended_by_admin', (count) =>
      adminEvent(this.audit, userId, 'session.ended_by_admin', actor, { count }, ip),
    );
    if (!ended) throw new AppError('NOT_FOUND', 404);
    this.signedOut(userId, ended);
    return ended.length;
  }

  async auditOf(userId: string, query: AdminAuditQuery): Promise<AdminAuditPage> {
    return this.auditLog.page({ ...query, subjectId: userId });
  }

  async export(userId: string, actor: AdminActor, ip: string): Promise<MemberExport> {
    const records = await this.users.exportOf(userId);
    if (!records) throw new AppError('NOT_FOUND', 404);
    await this.audit.record(userId, 'account.exported', { actor }, ip);
    return {
      exported_at: new Date().toISOString(),
      account: plain(records.account),
      sessions: records.sessions.map(plain),
      audit_events: records.auditEvents.map(plain),
      grants: records.grants.map(plain),
      accounts: records.accounts.map(plain),
      notifications: records.notifications.map(plain),
      consents: records.consents.map(plain),
      platform_role: records.platformRole,
      cooperative_roles: records.cooperativeRoles.map(plain),
    };
  }

  async pendingDeletions(): Promise<PendingDeletionList> {
    return {
      deletions: (await this.users.pendingDeletions()).map((row) => ({
        user_id: row.id,
        deletion_due_at: row.deletionDueAt.toISOString(),
      })),
    };
  }

  /**
   * Carries out a pending deletion now instead of at the end of its 72 hours: its due time
   * becomes now (audited) and the deletion service deletes it as its sweep would have.
   */
  async completeDeletion(
    userId: string,
    actor: AdminActor,
    ip: string,
  ): Promise<DeletionCompleted> {
    const event = adminEvent(this.audit, userId, 'deletion.completed_by_admin', actor, {}, ip);
    if (!(await this.users.dueNow(userId, event))) throw new AppError('NOT_FOUND', 404);
    await this.deletion.deleteDue(new Date());
    return { user_id: userId, deleted_at: new Date().toISOString() };
  }

  /** After commit: the tabs holding these sessions sign out at once, on whichever node. */
  private signedOut(userId: string, sessionIds: string[]): void {
    for (const id of sessionIds)
      this.events.publish(userId, { type: 'session.revoked', session_id: id });
  }

  private async refuse(userId: string): Promise<never> {
    if (!(await this.users.exists(userId))) throw new AppError('NOT_FOUND', 404);
    throw new AppError('CONFLICT', 409);
  }
}
