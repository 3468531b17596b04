import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import type { Member } from './sessions.service.js';

type MemberRequest = FastifyRequest & { member?: Member };

/** The authenticated member of this request (set by the policy guard for member principals). */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Member => {
    const member = context.switchToHttp().getRequest<MemberRequest>().member;
    if (!member) throw new AppError('UNAUTHORIZED', 401);
    return member;
  },
);
