import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The platform's own automation (provisioning scripts) calling with
 * `Authorization: Bearer <ADMIN_API_KEY>` — the `automation` principal of the policy table.
 * Compared as SHA-256 digests in constant time. Without a configured key nobody passes.
 */
@Injectable()
export class AdminGuard {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(SERVER_SECRETS) secrets: ServerSecrets) {
    this.expected = secrets.adminApiKey ? digest(secrets.adminApiKey) : undefined;
  }

  /** Whether an `Authorization` header carries the admin key. */
  matches(header: string | undefined): boolean {
    const given = header?.startsWith('Bearer ') ? digest(header.slice(7)) : undefined;
    return Boolean(this.expected && given && timingSafeEqual(this.expected, given));
  }
}
