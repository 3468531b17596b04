import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { AuthorizedRequest } from '../authz/policy.guard.js';

/** Who performs an admin action, as audit events name them: a platform staff member or the key. */
export type AdminActor = string;
export const AUTOMATION_ACTOR = 'automation';

/**
 * The actor of this admin request: the staff member's user id, or `automation` for the
 * `ADMIN_API_KEY` (set by the policy guard).
 */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdminActor => {
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    if (request.principal === 'automation') return AUTOMATION_ACTOR;
    if (request.member && request.principal?.startsWith('platform:')) return request.member.userId;
    throw new AppError('FORBIDDEN', 403);
  },
);
