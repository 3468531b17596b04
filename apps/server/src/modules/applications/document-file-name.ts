import type { ApplicationDocumentKind, ApplicationDocumentType } from '@cardcoop/contracts';

/** The longest file name kept, in characters. */
export const FILE_NAME_MAX = 200;

const EXTENSION: Record<ApplicationDocumentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

function decoded(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The name a document is kept and downloaded under, from the URL-encoded `X-File-Name` header:
 * the last path segment only, no control characters or characters file systems refuse, at most
 * 200 characters, and always ending in the extension of the type the bytes were sniffed as (a
 * downloaded `.exe` can never come out of here). Without a usable name: `<kind>.<ext>`.
 */
export function documentFileName(
  header: string | string[] | undefined,
  kind: ApplicationDocumentKind,
  type: ApplicationDocumentType,
): string {
  const [extension] = EXTENSION[type];
  const base =
    decoded(header)
      .normalize('NFC')
      .split(/[/\\]/)
      .pop()!
      // Control characters, bidi overrides and what Windows forbids in names.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.]+|[\s.]+$/g, '') || kind;
  const known = EXTENSION[type].some((ext) => base.toLowerCase().endsWith(ext));
  const name = known ? base : `${base}${extension}`;
  if ([...name].length <= FILE_NAME_MAX) return name;
  const stem = known ? name.slice(0, name.lastIndexOf('.')) : base;
  const ending = known ? name.slice(name.lastIndexOf('.')) : extension!;
  return [...stem].slice(0, FILE_NAME_MAX - ending.length).join('') + ending;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
