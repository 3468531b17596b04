import { createHash, timingSafeEqual } from 'node:crypto';
import { applyDecorators, Inject, Injectable, UseGuards } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The platform's own tooling (provisioning scripts, the future admin panel's backend) calling
 * with `Authorization: Bearer <ADMIN_API_KEY>`. Compared as SHA-256 digests in constant time.
 * Without a configured key nobody passes.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(SERVER_SECRETS) secrets: ServerSecrets) {
    this.expected = secrets.adminApiKey ? digest(secrets.adminApiKey) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const given = header?.startsWith('Bearer ') ? digest(header.slice(7)) : undefined;
    if (!this.expected || !given || !timingSafeEqual(this.expected, given)) {
      throw new AppError('UNAUTHORIZED', 401, {
        headers: { 'WWW-Authenticate': 'Bearer realm="admin"' },
      });
    }
    return true;
  }
}

/** Marks a controller as admin-only. */
export const AdminOnly = () => applyDecorators(ApiBearerAuth(), UseGuards(AdminGuard));
