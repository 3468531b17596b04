import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { AuthorizedRequest, StaffContext } from '../authz/policy.guard.js';

/** Who acts, for the audit event: the staff member the policy guard resolved, and from where. */
export interface Actor {
  staff: StaffContext;
  ip: string;
}

/** The staff member of this request (a `coop:*` policy), with the request's IP. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    if (!request.staff) throw new AppError('FORBIDDEN', 403);
    return { staff: request.staff, ip: request.ip };
  },
);
