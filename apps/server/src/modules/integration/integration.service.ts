import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE } from '@cardcoop/contracts';
import type {
  BusinessIntegration,
  DataKeyCertificate,
  RotatedClientSecret,
  UpdateIntegration,
  UploadLogo,
} from '@cardcoop/contracts';
import { dataKeyFingerprint } from '@cardcoop/sdk';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuditData } from '../audit/audit-hash.js';
import { DataKeyService } from '../coop-api/data-key.service.js';
import type {
  ChangeEvent,
  CooperativeRow,
  CooperativeSettings,
} from '../cooperatives/cooperatives.repository.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { presentIntegration, requestedFieldsOf } from './integration-wire.js';
import { sniffImage } from './logo-image.js';
import { LogosRepository } from './logos.repository.js';
import type { Actor } from './staff.js';

type SettingName = Exclude<keyof UpdateIntegration, 'expected_revision'>;

/** The settings a PATCH may change, as the wire names them (the audit event's old values). */
function settingsOf(row: CooperativeRow): Record<SettingName, unknown> {
  return {
    display_name: row.displayName,
    legal_name: row.legalName,
    consent_purpose: row.consentPurpose,
    description: row.description,
    site_url: row.siteUrl,
    origins: row.origins,
    redirect_uris: row.redirectUris,
    entry_url: row.entryUrl,
    requested_fields: requestedFieldsOf(row),
  };
}

/** The columns a PATCH writes. */
function columnsOf(body: UpdateIntegration): CooperativeSettings {
  const fields = body.requested_fields;
  return {
    displayName: body.display_name,
    legalName: body.legal_name,
    consentPurpose: body.consent_purpose,
    description: body.description,
    siteUrl: body.site_url,
    origins: body.origins,
    redirectUris: body.redirect_uris,
    entryUrl: body.entry_url,
    ...(fields && {
      requestedFields: fields.map((item) => item.field),
      fieldReasons: Object.fromEntries(fields.map((item) => [item.field, item.reason])),
    }),
  };
}

/** Each setting the PATCH gives that differs from now: `{name: {from, to}}`. */
function changesOf(row: CooperativeRow, body: UpdateIntegration): Record<string, unknown> {
  const before = settingsOf(row);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const name of Object.keys(before) as SettingName[]) {
    const after = body[name];
    if (after === undefined) continue;
    if (JSON.stringify(before[name]) !== JSON.stringify(after)) {
      changes[name] = { from: before[name], to: after };
    }
  }
  return changes;
}

/** A file that is not the image it claims to be (a renamed PDF or program). */
const unsupported = (message: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 415, {
    details: [{ path: 'data', code: 'custom', message }],
  });

const invalidLogo = (message: string) =>
  new AppError('VALIDATION_FAILED', 422, {
    details: [{ path: 'data', code: 'custom', message }],
  });

/**
 * A cooperative's integration settings in the business panel. Every change goes through the
 * cooperatives' registry (its revision check and its rules on origins and targets) and commits
 * with one audit event, on the chain of the staff member who made it, naming the cooperative and
 * what changed (old → new for settings; never a secret).
 */
@Injectable()
export class IntegrationService {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(LogosRepository) private readonly logos: LogosRepository,
    @Inject(DataKeyService) private readonly dataKeys: DataKeyService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(coopname: string): Promise<BusinessIntegration> {
    return this.present(await this.cooperatives.get(coopname));
  }

  /** 409 CONFLICT when the settings changed since `expected_revision`. */
  async update(actor: Actor, body: UpdateIntegration): Promise<BusinessIntegration> {
    const coopname = actor.staff.coopname;
    const current = await this.cooperatives.get(coopname);
    if (current.revision !== body.expected_revision) throw new AppError('CONFLICT', 409);
    // Nothing differs: no new revision, no event.
    if (Object.keys(changesOf(current, body)).length === 0) return this.present(current);
    const updated = await this.cooperatives.update(
      coopname,
      body.expected_revision,
      columnsOf(body),
      (before) => {
        const changes = changesOf(before, body);
        return this.event(actor, 'integration.updated', {
          changed: Object.keys(changes).join(','),
          changes: JSON.stringify(changes),
          revision: before.revision + 1,
        });
      },
    );
    return this.present(updated);
  }

  /**
   * Stores a logo after checking its bytes: ≤ 200 KB, a PNG, JPEG or WebP by its magic bytes
   * (the type declared must be that one: a renamed file is refused), ≤ 1024 px a side.
   */
  async putLogo(actor: Actor, body: UploadLogo): Promise<BusinessIntegration> {
    const coopname = actor.staff.coopname;
    const data = Buffer.from(body.data, 'base64');
    if (data.length > LOGO_MAX_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', 413, {
        details: [{ path: 'data', code: 'too_big', message: `at most ${LOGO_MAX_BYTES} bytes` }],
      });
    }
    const image = sniffImage(data);
    if (image === undefined) throw unsupported('not a PNG, JPEG or WebP image');
    if (image === null) throw invalidLogo('the image header is broken');
    if (image.contentType !== body.content_type) {
      throw unsupported(`the bytes are ${image.contentType}, not ${body.content_type}`);
    }
    if (image.width < 1 || image.height < 1) throw invalidLogo('the image has no size');
    if (image.width > LOGO_MAX_SIDE || image.height > LOGO_MAX_SIDE) {
      throw invalidLogo(`at most ${LOGO_MAX_SIDE}×${LOGO_MAX_SIDE} pixels`);
    }
    const cooperative = await this.cooperatives.get(coopname);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const logo = await this.logos.put(
      {
        coopname,
        contentType: image.contentType,
        data,
        sha256,
        width: image.width,
        height: image.height,
      },
      this.event(actor, 'integration.logo_changed', {
        content_type: image.contentType,
        sha256,
        bytes: data.length,
      }),
    );
    return presentIntegration(cooperative, logo, this.clock.now());
  }

  /** 404 when there is no logo. */
  async removeLogo(actor: Actor): Promise<void> {
    const coopname = actor.staff.coopname;
    const removed = await this.logos.remove(
      coopname,
      this.event(actor, 'integration.logo_removed', {}),
    );
    if (!removed) throw new AppError('NOT_FOUND', 404);
  }

  /** A new client secret (shown once); the previous one works for `graceMinutes` more. */
  async rotateSecret(actor: Actor, graceMinutes: number): Promise<RotatedClientSecret> {
    const coopname = actor.staff.coopname;
    const { clientSecret, cooperative } = await this.cooperatives.rotateSecretWithGrace(
      coopname,
      graceMinutes,
      this.event(actor, 'integration.client_secret_rotated', { grace_minutes: graceMinutes }),
    );
    return {
      client_id: coopname,
      client_secret: clientSecret,
      previous_valid_until: cooperative.previousClientSecretValidUntil?.toISOString() ?? null,
    };
  }

  /** The coop API's checks (`DataKeyService`), then the key, committed with its event. */
  async publishDataKey(
    actor: Actor,
    certificate: DataKeyCertificate,
  ): Promise<BusinessIntegration> {
    const coopname = actor.staff.coopname;
    const previous = (await this.cooperatives.get(coopname)).dataKey?.certificate.payload.kid;
    await this.dataKeys.publish(
      coopname,
      certificate,
      this.event(actor, 'integration.data_key_published', {
        kid: certificate.payload.kid,
        previous_kid: previous ?? null,
        fingerprint: fingerprintOf(certificate),
      }),
    );
    return this.get(coopname);
  }

  private async present(row: CooperativeRow): Promise<BusinessIntegration> {
    return presentIntegration(row, await this.logos.meta(row.coopname), this.clock.now());
  }

  /** An event on the actor's chain naming the cooperative, the actor and the actor's role. */
  private event(actor: Actor, type: string, data: AuditData): ChangeEvent {
    const { member, coopname, role } = actor.staff;
    return {
      subjectId: member.userId,
      event: this.audit.eventFor(
        member.userId,
        type,
        { coopname, actor: member.userId, role, ...data },
        actor.ip,
      ),
    };
  }
}

/**
 * The event's fingerprint, computed before the certificate is checked: a key that is no
 * canonical base64url (which no check would trust either) is the same 422 as any bad key.
 */
function fingerprintOf(certificate: DataKeyCertificate): string {
  try {
    return dataKeyFingerprint(certificate.payload.public_key).hex;
  } catch {
    throw new AppError('VALIDATION_FAILED', 422);
  }
}
