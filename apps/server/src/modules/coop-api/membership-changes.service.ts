import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { MembershipsRepository } from '../membership/memberships.repository.js';
import { NotificationService } from '../notifications/notification.service.js';

/**
 * Confirming and ending a membership in the built-in registry, for the cooperative's API and its
 * business panel alike. Each change is audited in the chain of the member holding the account
 * (`membership.confirmed` / `membership.ended`, naming the staff member who acted, if one did);
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
    const confirmed = await this.memberships.confirm(coopname, username);
    if (!confirmed) return;
    await this.record(coopname, username, 'membership.confirmed', actor);
    if (!confirmed.userId) return;
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
    if (await this.memberships.revoke(coopname, username)) {
      await this.record(coopname, username, 'membership.ended', actor);
    }
  }

  /** In the account holder's chain; the actor's when no member holds it (nobody's: none). */
  private async record(coopname: string, username: string, type: string, actor?: string) {
    const subject = (await this.memberships.holder(coopname, username)) ?? actor;
    if (!subject) return;
    await this.audit.record(subject, type, { coopname, username, ...(actor ? { actor } : {}) });
  }
}
