import { timingSafeEqual } from 'node:crypto';
import { createParamDecorator, Inject, Injectable } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { CooperativesRepository } from './cooperatives.repository.js';
import type { CooperativeRow } from './cooperatives.repository.js';
import { hashClientSecret } from './cooperatives.service.js';

type CoopRequest = FastifyRequest & { cooperative?: CooperativeRow };

const unauthorized = () =>
  new AppError('UNAUTHORIZED', 401, {
    headers: { 'WWW-Authenticate': 'Basic realm="cooperative"' },
  });

/**
 * A cooperative's server calling with its client credentials (HTTP Basic `client_id:client_secret`,
 * as OAuth 2 token endpoints take them) — the `coop-client` principal of the policy table.
 * Suspended cooperatives are refused like unknown ones.
 */
@Injectable()
export class CoopClientGuard {
  constructor(
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
  ) {}

  /** Sets `request.cooperative`, or throws 401. */
  async authenticate(request: CoopRequest): Promise<void> {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) throw unauthorized();
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 1) throw unauthorized();
    const clientId = decoded.slice(0, separator);
    const secret = decoded.slice(separator + 1);
    const cooperative = await this.cooperatives.find(clientId);
    const expected = Buffer.from(
      cooperative?.clientSecretHash ?? hashClientSecret('no such client'),
    );
    const given = Buffer.from(hashClientSecret(secret));
    const matches = expected.length === given.length && timingSafeEqual(expected, given);
    if (!cooperative || !matches || cooperative.status !== 'active') throw unauthorized();
    request.cooperative = cooperative;
  }
}

/** The authenticated cooperative of this request (a `coop-client` policy). */
export const CurrentCooperative = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CooperativeRow => {
    const cooperative = context.switchToHttp().getRequest<CoopRequest>().cooperative;
    if (!cooperative) throw unauthorized();
    return cooperative;
  },
);
