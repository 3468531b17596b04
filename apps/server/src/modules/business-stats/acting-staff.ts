import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { AuthorizedRequest, StaffContext } from '../authz/policy.guard.js';

/** The staff member acting for the route's cooperative (set by the policy guard). */
export const ActingStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffContext => {
    const staff = context.switchToHttp().getRequest<AuthorizedRequest>().staff;
    if (!staff) throw new AppError('FORBIDDEN', 403);
    return staff;
  },
);
