import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { addressList, clientAddressOf } from '../../common/http/client-address.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { Principal } from '../authz/policies.js';

/** The principals that administer the platform: its staff's roles and the admin key. */
export const isPlatformPrincipal = (principal: Principal): boolean =>
  principal === 'automation' || principal.startsWith('platform:');

/**
 * `ADMIN_ALLOWED_IPS`: when set, the platform's administration answers only clients from these
 * addresses (found as every other client address is, under `TRUST_PROXY`); others get 403.
 */
@Injectable()
export class AdminAllowlist {
  private readonly allowed: ((address: string) => boolean) | undefined;
  private readonly clientAddress: ReturnType<typeof clientAddressOf>;

  constructor(@Inject(CONFIG) config: Config) {
    this.allowed = config.adminAllowedIps ? addressList(config.adminAllowedIps) : undefined;
    this.clientAddress = clientAddressOf(config.trustProxy);
  }

  /** 403 FORBIDDEN when the list is set and the request comes from elsewhere. */
  assertAllowed(request: FastifyRequest): void {
    if (this.allowed && !this.allowed(this.clientAddress(request.raw))) {
      throw new AppError('FORBIDDEN', 403);
    }
  }
}
