import {
  meetingInputSchema,
  updateCooperativeSchema,
  updateIntegrationSchema,
  webhookEndpointCreateSchema,
} from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

// Every URL the server stores from someone and a page turns into a link (or a redirect) is
// checked at input, by the one schema the route validates with: script and data URLs, however
// disguised, are refused there, so no page ever holds one to render.
const SCRIPT_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://coop.example/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];
const SAFE_URL = 'https://coop.example/path';

/** Each URL field: its schema, and the input that puts a URL at `path`. */
const FIELDS: {
  name: string;
  schema: z.ZodType;
  path: (string | number)[];
  input: (url: string) => unknown;
}[] = [
  {
    name: 'meeting online link',
    schema: meetingInputSchema,
    path: ['online_url'],
    input: (url) => ({ online_url: url }),
  },
  {
    name: 'meeting document',
    schema: meetingInputSchema,
    path: ['documents', 0, 'url'],
    input: (url) => ({ documents: [{ title: 'Решение', url }] }),
  },
  {
    name: "cooperative's site (consent screen)",
    schema: updateIntegrationSchema,
    path: ['site_url'],
    input: (url) => ({ site_url: url }),
  },
  {
    name: 'quick entry URL',
    schema: updateCooperativeSchema,
    path: ['entry_url'],
    input: (url) => ({ entry_url: url }),
  },
  {
    name: 'redirect URI',
    schema: updateCooperativeSchema,
    path: ['redirect_uris', 0],
    input: (url) => ({ redirect_uris: [url] }),
  },
  {
    name: 'origin',
    schema: updateCooperativeSchema,
    path: ['origins', 0],
    input: (url) => ({ origins: [url] }),
  },
  {
    name: 'webhook endpoint',
    schema: webhookEndpointCreateSchema,
    path: ['url'],
    input: (url) => ({ url }),
  },
];

const issuesAt = (field: (typeof FIELDS)[number], url: string) => {
  const parsed = field.schema.safeParse(field.input(url));
  return parsed.success
    ? []
    : parsed.error.issues.filter(
        (issue) => JSON.stringify(issue.path) === JSON.stringify(field.path),
      );
};

describe('links stored from input', () => {
  it.each(FIELDS)('$name: script and data URLs are refused at input', (field) => {
    for (const url of SCRIPT_URLS) expect(issuesAt(field, url), url).not.toEqual([]);
  });

  it.each(FIELDS)(
    '$name: an https URL is accepted (the check is not refusing everything)',
    (field) => {
      const url = field.name === 'origin' ? 'https://coop.example' : SAFE_URL;
      expect(issuesAt(field, url)).toEqual([]);
    },
  );
});
