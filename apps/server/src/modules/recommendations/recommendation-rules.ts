import type { Recommendation } from '@cardcoop/contracts';

/** What the server knows about a member that its rules look at (read in a few queries). */
export interface RecommendationFacts {
  totpEnabled: boolean;
  recoveryKitConfirmed: boolean;
  /** Unpaid requests due within the window (or overdue), soonest first. */
  dueContributions: {
    id: string;
    coopname: string;
    displayName: string;
    dueDate: string;
    amount: number;
    currency: string;
  }[];
  /** Meetings of the member's cooperatives starting within the window, open and unanswered. */
  unansweredMeetings: {
    id: string;
    coopname: string;
    displayName: string;
    title: string;
    startsAt: Date;
  }[];
  /** Memberships of the member's open accounts confirmed within the window. */
  recentMemberships: {
    coopname: string;
    displayName: string;
    username: string;
    confirmedAt: Date;
  }[];
  /** Today in the cooperatives' calendar (`YYYY-MM-DD`): a request due before it is overdue. */
  today: string;
}

type Rule = (facts: RecommendationFacts) => Recommendation[];

const recoveryKit: Rule = (facts) =>
  facts.recoveryKitConfirmed
    ? []
    : [
        {
          id: 'recovery-kit',
          kind: 'recovery_kit_unconfirmed',
          data: {},
          action_url: '/id/security',
        },
      ];

const contributionDue: Rule = ({ dueContributions, today }) =>
  dueContributions.map((row) => ({
    id: `contribution-due:${row.id}`,
    kind: 'contribution_due',
    data: {
      coopname: row.coopname,
      display_name: row.displayName,
      contribution_id: row.id,
      due_date: row.dueDate,
      amount: { amount: row.amount, currency: row.currency },
      overdue: row.dueDate < today,
    },
    action_url: `/member/contributions/${row.id}`,
  }));

const meetingUnanswered: Rule = ({ unansweredMeetings }) =>
  unansweredMeetings.map((row) => ({
    id: `meeting-unanswered:${row.id}`,
    kind: 'meeting_unanswered',
    data: {
      coopname: row.coopname,
      display_name: row.displayName,
      meeting_id: row.id,
      title: row.title,
      starts_at: row.startsAt.toISOString(),
    },
    action_url: `/member/meetings/${row.id}`,
  }));

const totpOff: Rule = (facts) =>
  facts.totpEnabled
    ? []
    : [{ id: 'totp-off', kind: 'totp_off', data: {}, action_url: '/id/security' }];

const membershipConfirmed: Rule = ({ recentMemberships }) =>
  recentMemberships.map((row) => ({
    id: `membership-confirmed:${row.username}`,
    kind: 'membership_confirmed',
    data: {
      coopname: row.coopname,
      display_name: row.displayName,
      username: row.username,
      confirmed_at: row.confirmedAt.toISOString(),
    },
    action_url: '/id/accounts',
  }));

/** The rules, most pressing first: the list keeps this order. */
const RULES: Rule[] = [
  recoveryKit,
  contributionDue,
  meetingUnanswered,
  totpOff,
  membershipConfirmed,
];

/** Every suggestion the facts call for, dismissed or not. */
export function recommendationsFor(facts: RecommendationFacts): Recommendation[] {
  return RULES.flatMap((rule) => rule(facts));
}
