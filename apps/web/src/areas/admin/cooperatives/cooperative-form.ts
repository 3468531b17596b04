import type { AdminCooperative, ValidationIssue } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';

/** The settings a platform admin types, as the form holds them (lists one a line). */
export interface Draft {
  display_name: string;
  legal_name: string;
  consent_purpose: string;
  origins: string;
  redirect_uris: string;
  entry_url: string;
  level: AdminCooperative['level'];
  admission: AdminCooperative['admission'];
}

/** The fields a problem is shown next to (the choices of a select cannot be wrong). */
export const FIELDS = [
  'coopname',
  'display_name',
  'legal_name',
  'consent_purpose',
  'origins',
  'redirect_uris',
  'entry_url',
] as const;
export type Field = (typeof FIELDS)[number];
/** A field's problem: its own rule (`invalid.<field>`), or a text of the server's. */
export type Problems = Partial<Record<Field, string>>;

export const EMPTY_DRAFT: Draft = {
  display_name: '',
  legal_name: '',
  consent_purpose: '',
  origins: '',
  redirect_uris: '',
  entry_url: '',
  level: 'basic',
  admission: 'members',
};

/** The form's text for a cooperative as it is now. */
export function draftOf(cooperative: AdminCooperative): Draft {
  return {
    display_name: cooperative.display_name,
    legal_name: cooperative.legal_name ?? '',
    consent_purpose: cooperative.consent_purpose ?? '',
    origins: cooperative.origins.join('\n'),
    redirect_uris: cooperative.redirect_uris.join('\n'),
    entry_url: cooperative.entry_url ?? '',
    level: cooperative.level,
    admission: cooperative.admission,
  };
}

/**
 * The form over a newer revision: what the admin left as it was takes the new value, what they
 * typed stays.
 */
export function rebase(draft: Draft, base: Draft, fresh: Draft): Draft {
  const keys = Object.keys(draft) as (keyof Draft)[];
  return Object.fromEntries(
    keys.map((key) => [key, draft[key] === base[key] ? fresh[key] : draft[key]]),
  ) as unknown as Draft;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const orNull = (text: string) => text.trim() || null;

/** The settings as the API takes them: empty texts are null, lists one a line. */
export function settingsOf(draft: Draft) {
  return {
    display_name: draft.display_name.trim(),
    legal_name: orNull(draft.legal_name),
    consent_purpose: orNull(draft.consent_purpose),
    origins: lines(draft.origins),
    redirect_uris: lines(draft.redirect_uris),
    entry_url: orNull(draft.entry_url),
    level: draft.level,
    admission: draft.admission,
  };
}
export type Settings = ReturnType<typeof settingsOf>;

/** Only what differs from the cooperative as it is now. */
export function changesOf(cooperative: AdminCooperative, settings: Settings): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(settings).filter(
      ([key, value]) =>
        JSON.stringify(value) !== JSON.stringify(cooperative[key as keyof Settings]),
    ),
  );
}

const isField = (name: string): name is Field => (FIELDS as readonly string[]).includes(name);

/**
 * The fields named by validation issues (of the contracts' schema here, or of the server's 422;
 * `path` dotted or as an array), each with its rule in the language on screen.
 */
export function problemsOf(
  issues: readonly { path: string | readonly PropertyKey[] }[],
  rule: (field: Field) => string,
): Problems {
  const problems: Problems = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const field = path[0] ?? '';
    if (isField(field)) problems[field] = rule(field);
  }
  return problems;
}

/** The server's issues of a VALIDATION_FAILED answer (none for other failures). */
export function serverIssues(error: unknown): readonly ValidationIssue[] {
  return error instanceof CardCoopError && error.code === 'VALIDATION_FAILED'
    ? (error.details.issues ?? [])
    : [];
}

/** Whether the server refused a stale revision (someone changed the cooperative first). */
export const isConflict = (error: unknown) =>
  error instanceof CardCoopError && (error.status === 409 || error.code === 'CONFLICT');
