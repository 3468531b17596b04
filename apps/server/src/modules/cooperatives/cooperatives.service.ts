import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { CooperativesRepository } from './cooperatives.repository.js';
import { assertTestOnlyTargets } from './test-only-targets.js';
import type {
  ChangeEvent,
  CooperativeRow,
  CooperativeSettings,
} from './cooperatives.repository.js';

export interface CooperativeInput {
  coopname: string;
  displayName: string;
  /** The full legal name on the consent screen; absent or null: the display name. */
  legalName?: string | null;
  /** The purpose on the consent screen; absent or null: a membership application. */
  consentPurpose?: string | null;
  origins?: string[];
  redirectUris?: string[];
  /** Quick entry (ADR 018): on one of `origins`; absent or null: none. */
  entryUrl?: string | null;
  level?: 'basic' | 'extended';
  admission?: 'members' | 'open';
  requestedFields?: string[];
}

/** The secret is 256 random bits, so a plain SHA-256 is enough to make the stored form useless. */
export const hashClientSecret = (secret: string) =>
  createHash('sha256').update(secret).digest('base64url');
export const newClientSecret = (): string => randomBytes(32).toString('base64url');

/** The entry URL must be on one of the cooperative's origins: 422 VALIDATION_FAILED otherwise. */
function assertEntryOnOrigins(entryUrl: string | null | undefined, origins: string[]): void {
  if (!entryUrl || origins.includes(new URL(entryUrl).origin)) return;
  throw new AppError('VALIDATION_FAILED', 422, {
    details: [{ path: 'entry_url', code: 'custom', message: 'not on a registered origin' }],
  });
}

/** The registry of cooperatives that may receive members' data. */
@Injectable()
export class CooperativesService {
  constructor(
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
  ) {}

  /**
   * Registers a cooperative for the platform (admin API, CLI, demo): the platform vouches for
   * it, so it is verified by the admin. The client secret is returned this once. (Members
   * connecting one themselves start unverified: modules/claims.)
   */
  async create(
    input: CooperativeInput,
    /** Its audit event, appended in the transaction of the insert. */
    audit?: ChangeEvent,
  ): Promise<{ cooperative: CooperativeRow; clientSecret: string }> {
    assertEntryOnOrigins(input.entryUrl, input.origins ?? []);
    const clientSecret = newClientSecret();
    const cooperative = await this.cooperatives.insert(
      {
        coopname: input.coopname,
        displayName: input.displayName,
        legalName: input.legalName ?? null,
        consentPurpose: input.consentPurpose ?? null,
        origins: input.origins ?? [],
        redirectUris: input.redirectUris ?? [],
        entryUrl: input.entryUrl ?? null,
        level: input.level ?? 'basic',
        admission: input.admission ?? 'members',
        ...(input.requestedFields ? { requestedFields: input.requestedFields } : {}),
        clientSecretHash: hashClientSecret(clientSecret),
        verifiedAt: new Date(),
        verifiedVia: 'admin',
      },
      audit,
    );
    if (!cooperative) throw new AppError('CONFLICT', 409);
    return { cooperative, clientSecret };
  }

  /** Any cooperative, suspended ones included (the admin API), or 404. */
  async get(coopname: string): Promise<CooperativeRow> {
    const cooperative = await this.cooperatives.find(coopname);
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    return cooperative;
  }

  /**
   * Changes settings on top of the revision the admin saw: 409 when someone changed them since,
   * 404 for an unknown cooperative. Suspending one ends its client credentials at once (the
   * guard checks the status on every call).
   */
  async update(
    coopname: string,
    expectedRevision: number,
    settings: CooperativeSettings,
    /**
     * The audit event of the change, made from the settings it changes (the revision expected):
     * appended in the same transaction, so the event says exactly what changed.
     */
    audit?: (before: CooperativeRow) => ChangeEvent,
  ): Promise<CooperativeRow> {
    let before: CooperativeRow | undefined;
    if (audit) {
      before = await this.get(coopname);
      if (before.revision !== expectedRevision) throw new AppError('CONFLICT', 409);
    }
    if (
      settings.entryUrl !== undefined ||
      settings.origins !== undefined ||
      settings.redirectUris !== undefined
    ) {
      // Checked against the revision expected: the update below applies to that one only.
      const current = before ?? (await this.get(coopname));
      if (current.revision === expectedRevision) {
        assertTestOnlyTargets(current, settings);
        assertEntryOnOrigins(
          settings.entryUrl === undefined ? current.entryUrl : settings.entryUrl,
          settings.origins ?? current.origins,
        );
      }
    }
    const updated = await this.cooperatives.updateSettings(
      coopname,
      expectedRevision,
      settings,
      before && audit?.(before),
    );
    if (updated) return updated;
    await this.get(coopname);
    throw new AppError('CONFLICT', 409);
  }

  /** Replaces the client secret; the old one stops working at once. */
  async rotateSecret(coopname: string): Promise<string> {
    return (await this.rotateSecretWithGrace(coopname, 0)).clientSecret;
  }

  /**
   * Replaces the client secret: the previous one keeps working for `graceMinutes` (0: it stops
   * at once), and so do the cooperative tokens issued under it. Returns the new secret (shown
   * once) and the cooperative as changed.
   */
  async rotateSecretWithGrace(
    coopname: string,
    graceMinutes: number,
    audit?: ChangeEvent,
  ): Promise<{ clientSecret: string; cooperative: CooperativeRow }> {
    const clientSecret = newClientSecret();
    const cooperative = await this.cooperatives.replaceSecret(
      coopname,
      hashClientSecret(clientSecret),
      graceMinutes,
      audit,
    );
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    return { clientSecret, cooperative };
  }

  /** An active cooperative, or 404 (a suspended one is not offered to members). */
  async active(coopname: string): Promise<CooperativeRow> {
    const cooperative = await this.cooperatives.find(coopname);
    if (!cooperative || cooperative.status !== 'active') throw new AppError('NOT_FOUND', 404);
    return cooperative;
  }

  list(): Promise<CooperativeRow[]> {
    return this.cooperatives.list();
  }

  /**
   * A page of cooperatives by coopname (keyset): its rows and the cursor of the next page; only
   * those open to the member `userId` if given.
   */
  async page(
    cursor: string | undefined,
    limit: number,
    userId?: string,
  ): Promise<{ rows: CooperativeRow[]; next: string | null }> {
    const rows = await this.cooperatives.listAfter(cursor, limit + 1, userId);
    const more = rows.length > limit;
    return { rows: rows.slice(0, limit), next: more ? rows[limit - 1]!.coopname : null };
  }
}
