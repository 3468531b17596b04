import { describe, expect, it } from 'vitest';
import { recommendationsFor } from './recommendation-rules.js';
import type { RecommendationFacts } from './recommendation-rules.js';

const quiet: RecommendationFacts = {
  totpEnabled: true,
  recoveryKitConfirmed: true,
  dueContributions: [],
  unansweredMeetings: [],
  recentMemberships: [],
  today: '2026-12-05',
};
const coop = { coopname: 'voskhod', displayName: 'ПК ВОСХОД' };
const due = (id: string, dueDate: string) => ({
  ...coop,
  id,
  dueDate,
  amount: 50_000,
  currency: 'RUB',
});

describe('recommendation rules', () => {
  it('say nothing when there is nothing to do', () => {
    expect(recommendationsFor(quiet)).toEqual([]);
  });

  it('put the most pressing first: the kit, contributions, meetings, 2FA, then news', () => {
    const ids = recommendationsFor({
      ...quiet,
      totpEnabled: false,
      recoveryKitConfirmed: false,
      dueContributions: [due('c1', '2026-12-04')],
      unansweredMeetings: [
        { ...coop, id: 'm1', title: 'Собрание', startsAt: new Date('2026-12-07T09:00:00Z') },
      ],
      recentMemberships: [
        { ...coop, username: 'annavoskhod1', confirmedAt: new Date('2026-12-01T09:00:00Z') },
      ],
    }).map(({ id }) => id);
    expect(ids).toEqual([
      'recovery-kit',
      'contribution-due:c1',
      'meeting-unanswered:m1',
      'totp-off',
      'membership-confirmed:annavoskhod1',
    ]);
  });

  it('call a contribution overdue only once its due date is past in the cooperatives’ calendar', () => {
    const [today, yesterday] = recommendationsFor({
      ...quiet,
      dueContributions: [due('c-today', '2026-12-05'), due('c-past', '2026-12-04')],
    });
    expect(today).toMatchObject({ data: { overdue: false, due_date: '2026-12-05' } });
    expect(yesterday).toMatchObject({ data: { overdue: true } });
  });
});
