import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  InvitationAccepted,
  InvitationPreview,
  MyCooperative,
  StaffInvitation,
  StaffList,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { CooperativeRole } from '../../db/schema/index.js';
import { CLOCK, RANDOM } from '../../infra/clock/clock.js';
import type { Clock, Random } from '../../infra/clock/clock.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import type { AuditData } from '../audit/audit-hash.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { MailService } from '../mail/mail.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { mailDate } from './invitation-mail.js';
import { StaffRepository } from './staff.repository.js';
import type { InvitationRow, StaffChange } from './staff.repository.js';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const invalidInvitation = () => new AppError('INVITATION_INVALID', 404);

/** `anna@coop.example` → `a***@coop.example`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
}

/**
 * A cooperative's staff (ADR 019): invitations by e-mail, role changes, removal and leaving.
 * A cooperative keeps at least one owner (StaffRepository checks it in the changing statement).
 * Every change is audited with who did it, in the transaction of the change: invitations in the
 * inviter's chain, role changes in the chain of the member whose role changed.
 */
@Injectable()
export class StaffService {
  constructor(
    @Inject(StaffRepository) private readonly staff: StaffRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  async cooperativesOf(member: Member): Promise<MyCooperative[]> {
    return (await this.staff.cooperativesOf(member.userId)).map((row) => ({
      coopname: row.coopname,
      display_name: row.displayName,
      role: row.role,
      verified: row.verifiedAt !== null,
      status: row.status,
    }));
  }

  /**
   * The staff with their e-mail (opened from its seal: among the staff it is their work
   * identity) and, for owners and admins, the open invitations with the address masked.
   */
  async list({ member, coopname, role }: StaffContext): Promise<StaffList> {
    const rows = await this.staff.staffOf(coopname);
    const manager = role === 'owner' || role === 'admin';
    return {
      staff: rows.map((row) => ({
        user_id: row.userId,
        email: this.crypto.open('email', row.emailSealed, `user:${row.userId}`),
        role: row.role,
        joined_at: row.joinedAt.toISOString(),
        you: row.userId === member.userId,
      })),
      invitations: manager
        ? (await this.staff.openInvitations(coopname, this.now())).map((row) =>
            this.invitation(row),
          )
        : [],
    };
  }

  /**
   * Mails a single-use link to the address (in the inviter's language) and replaces any open
   * invitation of it. Owners may invite any role; admins an admin or a viewer.
   */
  async invite(
    actor: StaffContext,
    input: { email: string; role: CooperativeRole },
    ip: string,
    locale: Locale,
  ): Promise<StaffInvitation> {
    if (input.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 403);
    const email = normalizeEmail(input.email);
    const token = this.random.bytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + INVITATION_DAYS * 86_400_000);
    const cooperative = await this.displayName(actor.coopname);
    const row = await this.staff.invite(
      {
        coopname: actor.coopname,
        emailLookup: this.crypto.lookup('email', email),
        emailSealed: this.crypto.seal('email', email, `staff-invitation:${actor.coopname}`),
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: actor.member.userId,
        expiresAt,
      },
      this.crypto.lookups('email', email),
      (invitation) =>
        this.event(actor.member.userId, 'staff.invited', ip, {
          coopname: actor.coopname,
          actor: actor.member.userId,
          invitation_id: invitation.id,
          new_role: input.role,
        }),
      (tx) =>
        this.mail.send(
          email,
          {
            kind: 'staff-invitation',
            cooperative,
            role: input.role,
            url: `${this.config.publicUrl}/business/invitations/${token}`,
            expires: mailDate(locale, expiresAt),
          },
          locale,
          tx,
        ),
    );
    return this.invitation(row);
  }

  async revokeInvitation(actor: StaffContext, id: string, ip: string): Promise<void> {
    const revoked = await this.staff.revokeInvitation(actor.coopname, id, (invitation) =>
      this.event(actor.member.userId, 'staff.invitation_revoked', ip, {
        coopname: actor.coopname,
        actor: actor.member.userId,
        invitation_id: invitation.id,
        new_role: invitation.role,
      }),
    );
    if (!revoked) throw new AppError('NOT_FOUND', 404);
  }

  /** What the accept screen shows; INVITATION_INVALID for any link that cannot be accepted. */
  async preview(token: string): Promise<InvitationPreview> {
    const found = await this.staff.openInvitation(sha256(token), this.now());
    if (!found) throw invalidInvitation();
    return {
      coopname: found.invitation.coopname,
      display_name: found.displayName,
      role: found.invitation.role,
      expires_at: found.invitation.expiresAt.toISOString(),
    };
  }

  /**
   * Binds the signed-in member: only when the invitation is open and addressed to the member's
   * own e-mail (compared by its HMAC lookups); every other case is the same INVITATION_INVALID.
   */
  async accept(member: Member, token: string, ip: string): Promise<InvitationAccepted> {
    const emailSealed = await this.staff.emailSealedOf(member.userId);
    if (!emailSealed) throw invalidInvitation();
    const email = this.crypto.open('email', emailSealed, `user:${member.userId}`);
    const accepted = await this.staff.accept(
      sha256(token),
      { userId: member.userId, lookups: this.crypto.lookups('email', email) },
      this.now(),
      ({ invitation, role, joined }) =>
        this.event(member.userId, 'staff.joined', ip, {
          coopname: invitation.coopname,
          actor: member.userId,
          target_user_id: member.userId,
          invitation_id: invitation.id,
          old_role: joined ? null : role,
          new_role: role,
        }),
    );
    if (!accepted) throw invalidInvitation();
    return accepted;
  }

  async changeRole(
    actor: StaffContext,
    userId: string,
    role: CooperativeRole,
    ip: string,
  ): Promise<void> {
    const change = await this.staff.changeRole(actor.coopname, userId, role, (oldRole) =>
      this.event(userId, 'staff.role_changed', ip, {
        coopname: actor.coopname,
        actor: actor.member.userId,
        target_user_id: userId,
        old_role: oldRole,
        new_role: role,
      }),
    );
    settled(change);
  }

  /** Removes a member from the staff (`staff.removed`), or the caller themself (`staff.left`). */
  async remove(actor: StaffContext, userId: string, ip: string): Promise<void> {
    const type = userId === actor.member.userId ? 'staff.left' : 'staff.removed';
    const change = await this.staff.remove(actor.coopname, userId, (oldRole) =>
      this.event(userId, type, ip, {
        coopname: actor.coopname,
        actor: actor.member.userId,
        target_user_id: userId,
        old_role: oldRole,
        new_role: null,
      }),
    );
    settled(change);
  }

  private invitation(row: InvitationRow): StaffInvitation {
    const email = this.crypto.open('email', row.emailSealed, `staff-invitation:${row.coopname}`);
    return {
      id: row.id,
      email_masked: maskEmail(email),
      role: row.role,
      invited_at: row.createdAt.toISOString(),
      expires_at: row.expiresAt.toISOString(),
    };
  }

  private async displayName(coopname: string): Promise<string> {
    const name = await this.staff.displayNameOf(coopname);
    if (name === undefined) throw new AppError('NOT_FOUND', 404);
    return name;
  }

  private event(subjectId: string, type: string, ip: string, data: AuditData) {
    return { subjectId, event: this.audit.eventFor(subjectId, type, data, ip) };
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}

function settled(change: StaffChange): void {
  if (change.status === 'last-owner') throw new AppError('LAST_OWNER', 422);
  if (change.status === 'not-found') throw new AppError('NOT_FOUND', 404);
}
