import { describe, expect, it } from 'vitest';
import { csvCell, statsCsv } from './business-stats-csv.js';
import { daysOf } from './business-stats.service.js';

describe('the statistics CSV', () => {
  it('keeps a text a spreadsheet would run as a formula as text', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('Дата')).toBe('Дата');
    // Counts are numbers, never prefixed.
    expect(csvCell(-0)).toBe('0');
    expect(csvCell(12)).toBe('12');
  });

  it('writes one line per day after the headers, CRLF', () => {
    const day = {
      connect_opened: 1,
      registrations: 0,
      sign_ins: 0,
      consents: 0,
      refusals: 0,
      revocations: 0,
      tickets_exchanged: 0,
      reads: 2,
      membership_confirmations: 0,
    };
    const csv = statsCsv(
      {
        coopname: 'voskhod',
        from: '2026-03-10',
        to: '2026-03-10',
        tz: 'UTC',
        days: [{ date: '2026-03-10', ...day }],
        funnel: {
          connect_opened: 1,
          signed_in: 0,
          consent_given: 0,
          ticket_exchanged: 0,
          data_read: 0,
        },
        totals: { active_grants: 0, revocations: 0 },
      },
      'en',
    );
    expect(csv.startsWith('\uFEFFDate,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.split('\r\n')[1]).toBe('2026-03-10,1,0,0,0,0,0,0,2,0');
  });

  it('lists every day of a range, across a month and a leap day', () => {
    expect(daysOf('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysOf('2026-03-10', '2026-03-10')).toEqual(['2026-03-10']);
  });
});
