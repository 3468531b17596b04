import type { BusinessIntegration } from '@cardcoop/contracts';
import { presentCooperative } from '../cooperatives/cooperative-wire.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import type { LogoMeta } from './logos.repository.js';
import { logoUrl } from './logos.module.js';

/** Each requested field with the reason members read under it (null: none given). */
export const requestedFieldsOf = (row: CooperativeRow) =>
  row.requestedFields.map((field) => ({ field, reason: row.fieldReasons[field] ?? null }));

/** The integration as its staff see it: the admin API's view plus the panel's own fields. */
export function presentIntegration(
  row: CooperativeRow,
  logo: LogoMeta | undefined,
  now: number,
): BusinessIntegration {
  const graceEnd = row.previousClientSecretValidUntil;
  return {
    ...presentCooperative(row),
    description: row.description,
    site_url: row.siteUrl,
    requested_fields: requestedFieldsOf(row),
    logo: logo
      ? {
          url: logoUrl(row.coopname, logo.sha256),
          content_type: logo.contentType,
          sha256: logo.sha256,
          width: logo.width,
          height: logo.height,
          updated_at: logo.updatedAt.toISOString(),
        }
      : null,
    verified: row.verifiedAt !== null,
    verified_via: row.verifiedVia,
    client_id: row.coopname,
    client_secret: {
      rotated_at: row.clientSecretRotatedAt?.toISOString() ?? null,
      previous_valid_until:
        row.previousClientSecretHash && graceEnd && graceEnd.getTime() > now
          ? graceEnd.toISOString()
          : null,
    },
  };
}
