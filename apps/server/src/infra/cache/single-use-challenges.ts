import { createHash, randomBytes } from 'node:crypto';
import type { Cache } from './cache.js';

/**
 * Single-use challenges a member signs to prove holding a key: 256 random bits, stored (under
 * their SHA-256 only) with what they are bound to, and taken with get-and-delete, so a challenge
 * answers at most one proof — a failed one included.
 */
export class SingleUseChallenges<Binding> {
  constructor(
    private readonly cache: Cache,
    private readonly namespace: string,
    readonly seconds: number,
  ) {}

  private key(challenge: string): string {
    return `${this.namespace}:${createHash('sha256').update(challenge).digest('base64url')}`;
  }

  /** A new challenge bound to `binding`, valid for {@link seconds}. */
  async issue(binding: Binding): Promise<{ challenge: string; expires_in: number }> {
    const challenge = randomBytes(32).toString('base64url');
    await this.cache.set(this.key(challenge), JSON.stringify(binding), this.seconds * 1000);
    return { challenge, expires_in: this.seconds };
  }

  /** What the challenge was bound to, once; undefined when unknown, expired or already taken. */
  async take(challenge: string): Promise<Binding | undefined> {
    const stored = await this.cache.take(this.key(challenge));
    return stored === null ? undefined : (JSON.parse(stored) as Binding);
  }
}
