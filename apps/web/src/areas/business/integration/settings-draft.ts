import type { BusinessIntegration, UpdateIntegration } from '@cardcoop/contracts';
import type { FieldChoice } from './field-picker';

/** The settings form's values: text fields as typed, lists as edited. */
export interface SettingsDraft {
  display_name: string;
  legal_name: string;
  consent_purpose: string;
  description: string;
  site_url: string;
  entry_url: string;
  origins: string[];
  redirect_uris: string[];
  requested_fields: FieldChoice[];
}

export function draftOf(settings: BusinessIntegration): SettingsDraft {
  return {
    display_name: settings.display_name,
    legal_name: settings.legal_name ?? '',
    consent_purpose: settings.consent_purpose ?? '',
    description: settings.description ?? '',
    site_url: settings.site_url ?? '',
    entry_url: settings.entry_url ?? '',
    origins: settings.origins,
    redirect_uris: settings.redirect_uris,
    requested_fields: settings.requested_fields.map(({ field, reason }) => ({
      field,
      reason: reason ?? '',
    })),
  };
}

const orNull = (value: string) => value.trim() || null;

/** Whether the requested fields or their reasons differ from the loaded settings. */
export const fieldsChanged = (draft: SettingsDraft, settings: BusinessIntegration) =>
  JSON.stringify(draft.requested_fields) !== JSON.stringify(draftOf(settings).requested_fields);

/**
 * The change to send on top of the loaded revision: every field of the form (empty text
 * clears); the requested fields only when they changed, so fields set without reasons (by the
 * platform's admin API) do not stop other changes.
 */
export function changeOf(draft: SettingsDraft, settings: BusinessIntegration): UpdateIntegration {
  const change: UpdateIntegration = {
    expected_revision: settings.revision,
    display_name: draft.display_name.trim(),
    legal_name: orNull(draft.legal_name),
    consent_purpose: orNull(draft.consent_purpose),
    description: orNull(draft.description),
    site_url: orNull(draft.site_url),
    entry_url: orNull(draft.entry_url),
    origins: draft.origins,
    redirect_uris: draft.redirect_uris,
  };
  if (fieldsChanged(draft, settings))
    change.requested_fields = draft.requested_fields.map(({ field, reason }) => ({
      field,
      reason: reason.trim(),
    }));
  return change;
}

/** A bare http(s) origin, like `https://coop.example`. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}

/** An absolute http(s) URL without a fragment. */
export function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol) && !value.includes('#');
  } catch {
    return false;
  }
}
