import type { MembershipStatus } from '@cardcoop/contracts';
import { Accordion, Button, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { QueryState } from '../../../components/query-state';
import { SectionPage } from '../section-page';
import { MeetingForm } from './meeting-form';
import { MemberItem } from './member-item';
import { PaymentDetailsForm } from './payment-details-form';
import { PaymentForm } from './payment-form';
import { PublishedSection } from './published-section';
import { useMembers } from './use-members';

const FILTERS = ['all', 'applicant', 'confirmed', 'ended'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * `/business/:coopname/members`: the members who shared with the cooperative, by membership,
 * a page at a time; owners and admins confirm or end memberships and publish meetings and
 * payment requests by hand, and set the bank details. Every role sees what was published.
 */
export function MembersPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const changes = canChange(coop.role);
  const [filter, setFilter] = useState<Filter>('all');
  const members = useMembers(
    coop.coopname,
    filter === 'all' ? undefined : (filter as MembershipStatus),
  );
  return (
    <SectionPage title={t('members.title')} lead={t('members.lead')}>
      <SegmentedControl
        aria-label={t('members.filter')}
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        data={FILTERS.map((value) => ({ value, label: t(`members.filters.${value}`) }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
        styles={{ root: { flexWrap: 'wrap' } }}
      />
      <QueryState query={members} lines={4}>
        {({ pages }) => {
          const list = pages.flatMap((page) => page.members);
          if (list.length === 0) return <Text>{t('members.empty')}</Text>;
          return (
            <Stack gap="sm">
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.map((member) => (
                  <MemberItem
                    key={member.username}
                    coopname={coop.coopname}
                    member={member}
                    canChange={changes}
                  />
                ))}
              </Stack>
              {members.hasNextPage && (
                <Button
                  variant="default"
                  onClick={() => void members.fetchNextPage()}
                  loading={members.isFetchingNextPage}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('members.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryState>
      <PublishedSection coopname={coop.coopname} canChange={changes} />
      {changes && (
        <Stack component="section" aria-labelledby="members-by-hand" gap="xs">
          <Title order={2} size="h4" id="members-by-hand">
            {t('members.byHand.title')}
          </Title>
          <Text size="sm">{t('members.byHand.lead')}</Text>
          <Accordion multiple variant="separated">
            <Accordion.Item value="meeting">
              <Accordion.Control>{t('members.meeting.title')}</Accordion.Control>
              <Accordion.Panel>
                <MeetingForm coopname={coop.coopname} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="payment">
              <Accordion.Control>{t('members.payment.title')}</Accordion.Control>
              <Accordion.Panel>
                <PaymentForm coopname={coop.coopname} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="details">
              <Accordion.Control>{t('members.details.title')}</Accordion.Control>
              <Accordion.Panel>
                <PaymentDetailsForm coopname={coop.coopname} />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      )}
    </SectionPage>
  );
}
