import type { AdminCooperative } from '@cardcoop/contracts';
import { dataKeyFingerprint } from '@cardcoop/sdk';
import type { CooperativeRow } from './cooperatives.repository.js';

/**
 * A cooperative's settings on the wire, as the admin API and the business panel (which adds its
 * own fields, `modules/integration`) show them.
 */
export function presentCooperative(row: CooperativeRow): AdminCooperative {
  const certificate = row.dataKey?.certificate;
  return {
    coopname: row.coopname,
    display_name: row.displayName,
    legal_name: row.legalName,
    consent_purpose: row.consentPurpose,
    origins: row.origins,
    redirect_uris: row.redirectUris,
    entry_url: row.entryUrl,
    level: row.level,
    admission: row.admission,
    status: row.status,
    requested_fields: row.requestedFields,
    data_key: certificate
      ? {
          kid: certificate.payload.kid,
          fingerprint: dataKeyFingerprint(certificate.payload.public_key).hex,
        }
      : null,
    verified_at: row.verifiedAt?.toISOString() ?? null,
    verified_via: row.verifiedVia,
    revision: row.revision,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
