import { timingSafeEqual } from 'node:crypto';
import { createParamDecorator, Inject, Injectable } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
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
 * Suspended cooperatives are refused like unknown ones. After a rotation with a grace period the
 * previous secret is accepted too, until the grace ends.
 */
@Injectable()
export class CoopClientGuard {
  constructor(
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const given = Buffer.from(hashClientSecret(secret));
    // Both compared every time, in constant time: which one matched shows in no timing.
    const current = sameHash(
      cooperative?.clientSecretHash ?? hashClientSecret('no such client'),
      given,
    );
    const previousHash = cooperative?.previousClientSecretHash;
    const inGrace =
      previousHash != null &&
      (cooperative?.previousClientSecretValidUntil?.getTime() ?? 0) > this.clock.now();
    const previous = sameHash(previousHash ?? hashClientSecret('no previous secret'), given);
    if (!cooperative || cooperative.status !== 'active') throw unauthorized();
    if (current) {
      request.cooperative = cooperative;
      return;
    }
    if (!previous || !inGrace || !previousHash) throw unauthorized();
    // The row as this secret sees it: tokens issued now carry the previous secret's version,
    // so they end with its grace period.
    request.cooperative = { ...cooperative, clientSecretHash: previousHash };
  }
}

const sameHash = (expected: string, given: Buffer): boolean => {
  const bytes = Buffer.from(expected);
  return bytes.length === given.length && timingSafeEqual(bytes, given);
};

/** The authenticated cooperative of this request (a `coop-client` policy). */
export const CurrentCooperative = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CooperativeRow => {
    const cooperative = context.switchToHttp().getRequest<CoopRequest>().cooperative;
    if (!cooperative) throw unauthorized();
    return cooperative;
  },
);
