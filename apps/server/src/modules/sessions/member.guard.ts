import {
  applyDecorators,
  createParamDecorator,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { SessionsService } from './sessions.service.js';
import type { Member } from './sessions.service.js';

type MemberRequest = FastifyRequest & { member?: Member };

/** Lets a request through only with a member access token whose session is live. */
@Injectable()
export class MemberGuard implements CanActivate {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<MemberRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new AppError('UNAUTHORIZED', 401, { headers: { 'WWW-Authenticate': 'Bearer' } });
    request.member = await this.sessions.authenticate(token);
    return true;
  }
}

/** Marks a route or controller as members-only. */
export const MembersOnly = () => applyDecorators(UseGuards(MemberGuard), ApiBearerAuth());

/** The authenticated member of this request (requires MembersOnly). */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Member => {
    const member = context.switchToHttp().getRequest<MemberRequest>().member;
    if (!member) throw new AppError('UNAUTHORIZED', 401);
    return member;
  },
);
