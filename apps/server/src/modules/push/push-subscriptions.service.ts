import { Inject, Injectable } from '@nestjs/common';
import type { PushDeviceList, PushSubscriptionInput } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';
import { AuditService } from '../audit/audit.service.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';

/** What a subscription's sealed column holds: everything a push needs, nothing else. */
export interface SealedSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The seal of a member's subscription is bound to the member. */
export const subscriptionAad = (userId: string) => `push:${userId}`;

/** Whether `host` is one of `allowed` or a subdomain of one. */
export function isPushServiceHost(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => host === entry || host.endsWith(`.${entry}`));
}

/**
 * The member's browsers subscribed to web push: subscribe, unsubscribe, list. Endpoints must be
 * on a known push service (`PUSH_SERVICE_HOSTS`): the server posts to them, so a member cannot
 * point it at anything else. Each change is audited in its transaction.
 */
@Injectable()
export class PushSubscriptions {
  constructor(
    @Inject(PushSubscriptionsRepository) private readonly repository: PushSubscriptionsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SERVER_SECRETS) private readonly secrets: ServerSecrets,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The VAPID public key browsers subscribe with; null when push is off on this server. */
  publicKey(): string | null {
    return this.secrets.vapid?.publicKey ?? null;
  }

  async subscribe(userId: string, input: PushSubscriptionInput, ip: string): Promise<void> {
    if (!this.secrets.vapid) throw new AppError('SERVICE_UNAVAILABLE', 503);
    if (!isPushServiceHost(new URL(input.endpoint).hostname, this.config.push.serviceHosts))
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'endpoint', code: 'push_service', message: 'not a known push service' }],
      });
    const sealed: SealedSubscription = {
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh.replace(/=+$/, ''),
      auth: input.keys.auth.replace(/=+$/, ''),
    };
    await this.repository.save(
      {
        userId,
        endpointLookup: this.crypto.lookup('push', input.endpoint),
        subscriptionSealed: this.crypto.seal(
          'push',
          JSON.stringify(sealed),
          subscriptionAad(userId),
        ),
        label: input.label ?? null,
      },
      this.audit.eventFor(userId, 'push.subscribed', {}, ip),
    );
  }

  /** Forgets the member's subscription of `endpoint`; nothing to forget is no error. */
  async unsubscribe(userId: string, endpoint: string, ip: string): Promise<void> {
    await this.repository.remove(
      userId,
      this.crypto.lookups('push', endpoint),
      this.audit.eventFor(userId, 'push.unsubscribed', {}, ip),
    );
  }

  async devices(userId: string): Promise<PushDeviceList> {
    const rows = await this.repository.list(userId);
    return {
      devices: rows.map((row) => ({
        id: row.id,
        label: row.label,
        created_at: row.createdAt.toISOString(),
        last_success_at: row.lastSuccessAt?.toISOString() ?? null,
      })),
    };
  }
}
