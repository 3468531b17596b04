import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { AuthorizedRequest, StaffContext } from '../authz/policy.guard.js';

/**
 * The member acting for the route's cooperative and their role there, as the policy guard found
 * them (a `coop:<role>` policy).
 */
export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffContext => {
    const staff = context.switchToHttp().getRequest<AuthorizedRequest>().staff;
    if (!staff) throw new AppError('FORBIDDEN', 403);
    return staff;
  },
);
