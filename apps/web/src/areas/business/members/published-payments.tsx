import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { MoreButton } from './more-button';
import { PaymentRequestItem } from './payment-request-item';
import { usePaymentRequests } from './use-published';

/** The cooperative's payment requests (by hand or over the API), oldest first. */
export function PublishedPayments({
  coopname,
  canChange,
}: {
  coopname: string;
  canChange: boolean;
}) {
  const { t } = useTranslation('business');
  const requests = usePaymentRequests(coopname);
  return (
    <QueryState query={requests} lines={2}>
      {({ pages }) => {
        const list = pages.flatMap((page) => page.payment_requests);
        if (list.length === 0) return <Text size="sm">{t('members.published.noRequests')}</Text>;
        return (
          <Stack gap="xs">
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.map((request) => (
                <PaymentRequestItem
                  key={request.external_id}
                  coopname={coopname}
                  request={request}
                  canChange={canChange}
                />
              ))}
            </Stack>
            <MoreButton query={requests} />
          </Stack>
        );
      }}
    </QueryState>
  );
}
