import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '@cardcoop/contracts';
import { NOVU_WORKFLOW_IDS, novuWorkflowId } from './novu-workflows.js';

const guide = readFileSync(
  fileURLToPath(new URL('../../../../../docs/novu.md', import.meta.url)),
  'utf8',
);

describe('Novu workflows', () => {
  it('name one workflow per type, as Novu identifiers, stable and distinct', () => {
    expect(novuWorkflowId('contribution.due_soon')).toBe('cardcoop-contribution-due-soon');
    expect(NOVU_WORKFLOW_IDS).toHaveLength(NOTIFICATION_TYPES.length);
    expect(new Set(NOVU_WORKFLOW_IDS).size).toBe(NOTIFICATION_TYPES.length);
    for (const id of NOVU_WORKFLOW_IDS) expect(id).toMatch(/^cardcoop(-[a-z0-9]+)+$/);
  });

  it('are all listed, with their types, in docs/novu.md for the Novu account to create', () => {
    const rows = [...guide.matchAll(/^\| `([a-z._]+)` +\| `(cardcoop-[a-z0-9-]+)` +\|$/gm)];
    const listed = new Map(rows.map(([, type, id]) => [type, id]));
    for (const type of NOTIFICATION_TYPES) expect(listed.get(type)).toBe(novuWorkflowId(type));
  });
});
