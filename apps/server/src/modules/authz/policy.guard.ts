import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { antelopeNameSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { AdminAllowlist, isPlatformPrincipal } from '../admin/admin-allowlist.js';
import { AdminGuard } from '../admin/admin.guard.js';
import { CoopClientGuard } from '../cooperatives/coop-client.guard.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import type { CooperativeRole, PlatformRole } from '../../db/schema/index.js';
import { POLICY_KEY } from './policy.decorator.js';
import { policyRule } from './policies.js';
import type { PolicyName, PolicyRule, Principal } from './policies.js';
import { RolesRepository } from './roles.repository.js';

/** How recent a second factor must be for a `stepUp` policy. */
export const STEP_UP_MS = 5 * 60_000;

/** What the guard learnt about the caller, for handlers and audit events. */
export interface StaffContext {
  member: Member;
  coopname: string;
  role: CooperativeRole;
}

export type AuthorizedRequest = FastifyRequest & {
  member?: Member;
  staff?: StaffContext;
  platformRole?: PlatformRole;
  principal?: Principal;
  policy?: PolicyName;
};

const bearer = (): AppError =>
  new AppError('UNAUTHORIZED', 401, { headers: { 'WWW-Authenticate': 'Bearer' } });
const basic = (): AppError =>
  new AppError('UNAUTHORIZED', 401, {
    headers: { 'WWW-Authenticate': 'Basic realm="cooperative"' },
  });

const MEMBER_PRINCIPALS = new Set<Principal>([
  'member',
  'coop:owner',
  'coop:admin',
  'coop:viewer',
  'platform:operator_reviewer',
  'platform:platform_admin',
]);

/**
 * The one authorization layer (ADR 019), closed by default: a route that declares no policy is
 * refused. Resolves the caller once — client credentials, the admin key, or a member's token and
 * the member's role in the route's cooperative or on the platform — and compares with the table.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(CoopClientGuard) private readonly coopClients: CoopClientGuard,
    @Inject(AdminGuard) private readonly adminKey: AdminGuard,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdminAllowlist) private readonly adminAddresses: AdminAllowlist,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const name = this.reflector.getAllAndOverride<PolicyName | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Closed by default: forgetting the declaration must not open a route.
    if (!name) throw new AppError('FORBIDDEN', 403);
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    request.policy = name;
    const rule = policyRule(name);
    // ADMIN_ALLOWED_IPS: a route only the platform's staff may call is refused before anything
    // else; on a route open to others too, once the caller turns out to be platform staff.
    if (rule.allow.every(isPlatformPrincipal)) this.adminAddresses.assertAllowed(request);
    request.principal = await this.principal(request, rule);
    if (isPlatformPrincipal(request.principal)) this.adminAddresses.assertAllowed(request);
    if (rule.stepUp && request.member) this.assertSteppedUp(request.member);
    return true;
  }

  private async principal(request: AuthorizedRequest, rule: PolicyRule): Promise<Principal> {
    const allowed = (principal: Principal) => rule.allow.includes(principal);
    if (allowed('public')) return 'public';
    if (allowed('coop-token')) return 'coop-token';
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Basic ')) {
      if (!allowed('coop-client')) throw bearer();
      await this.coopClients.authenticate(request);
      return 'coop-client';
    }
    if (!header.startsWith('Bearer ')) throw allowed('coop-client') ? basic() : bearer();
    if (allowed('automation') && this.adminKey.matches(header)) return 'automation';
    if (!rule.allow.some((principal) => MEMBER_PRINCIPALS.has(principal))) {
      throw allowed('coop-client') ? basic() : bearer();
    }
    const member = await this.sessions.authenticate(header.slice(7).trim()).catch((error) => {
      // A bad token is a challenge to present a good one (RFC 6750).
      if (error instanceof AppError && error.statusCode === 401) {
        error.headers['WWW-Authenticate'] ??= 'Bearer error="invalid_token"';
      }
      throw error;
    });
    request.member = member;
    if (allowed('member')) return 'member';
    const coopname = (request.params as Record<string, string> | undefined)?.coopname;
    if (coopname && rule.allow.some((principal) => principal.startsWith('coop:'))) {
      // Checked here, before the role's read, as the route's AntelopeNamePipe would.
      if (!antelopeNameSchema.safeParse(coopname).success) {
        throw new AppError('VALIDATION_FAILED', 422);
      }
      const role = await this.roles.cooperativeRole(coopname, member.userId);
      if (role && allowed(`coop:${role}`)) {
        request.staff = { member, coopname, role };
        return `coop:${role}`;
      }
    }
    if (rule.allow.some((principal) => principal.startsWith('platform:'))) {
      const role = await this.roles.platformRole(member.userId);
      if (role && allowed(`platform:${role}`)) {
        request.platformRole = role;
        return `platform:${role}`;
      }
    }
    throw new AppError('FORBIDDEN', 403);
  }

  private assertSteppedUp(member: Member): void {
    const at = member.steppedUpAt?.getTime();
    if (at === undefined || this.clock.now() - at > STEP_UP_MS) {
      throw new AppError('STEP_UP_REQUIRED', 403);
    }
  }
}
