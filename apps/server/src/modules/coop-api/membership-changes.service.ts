import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { MembershipsRepository } from '../membership/memberships.repository.js';
import { NotificationService } from '../notifications/notification.service.js';

/**
 * Confirming and ending a membership in the built-in registry, for the cooperative's API and its
 * business panel alike. Each change commits with its audit event, in the chain of the member
 * holding the account (`membership.confirmed` / `membership.ended`, naming the staff member who
 * acted, if one did);
 * a new confirmation tells that member right after it committed.
 */
@Injectable()
export class MembershipChangesService {
  constructor(
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** `actor`: the staff member's user id (absent: the cooperative's own server). */
  async confirm(coopname: string, username: string, actor?: string): Promise<void> {
    const audit = this.auditOf('membership.confirmed', coopname, username, actor);
    const confirmed = await this.memberships.confirm(coopname, username, audit);
    if (!confirmed?.userId) return;
    await this.notifications.notify(
      confirmed.userId,
      'membership.confirmed',
      { username },
      {
        coopname,
        once: `membership:${username}:confirmed:${confirmed.confirmedAt.toISOString()}`,
      },
    );
  }

  async end(coopname: string, username: string, actor?: string): Promise<void> {
    await this.memberships.revoke(
      coopname,
      username,
      this.auditOf('membership.ended', coopname, username, actor),
    );
  }

  /** In the account holder's chain; the actor's when no member holds it (nobody's: none). */
  private auditOf(type: string, coopname: string, username: string, actor?: string) {
    return (holder: string | null) => {
      const subjectId = holder ?? actor;
      if (!subjectId) return undefined;
      const data = { coopname, username, ...(actor ? { actor } : {}) };
      return { subjectId, event: this.audit.eventFor(subjectId, type, data) };
    };
  }
}
