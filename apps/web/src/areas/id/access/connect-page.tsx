import { Box } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { ConnectGate } from './connect-gate';
import { callbackUrl, postOutcome } from './connect-outcome';
import { parseConnectRequest } from './connect-request';

/**
 * `/id/connect`: a cooperative's request for the member's data. Redirect mode sends the member
 * back to the registered return address (redirect_uri) with the ticket; popup mode (`response_mode=web_message`)
 * posts it to the cooperative's window that opened this one, at its registered origin, and
 * closes. The popup shows the real address bar while the member types their password.
 */
export function ConnectPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('access.connect.title'));
  const [params] = useSearchParams();
  const parsed = useMemo(() => parseConnectRequest(params, 'connect'), [params]);
  const popup = parsed.ok && parsed.request.responseMode === 'web_message';
  const opener = popup ? (window.opener as Window | null) : null;

  return (
    <Box maw={640} mx="auto">
      <ConnectGate
        parsed={parsed}
        delivery={popup ? 'popup' : 'redirect'}
        blocked={popup && !opener ? { kind: 'no-opener' } : undefined}
        deliver={(request, outcome) => {
          if (opener) {
            postOutcome(opener, request.redirectUri, outcome);
            window.close();
          } else {
            window.location.assign(callbackUrl(request.redirectUri, outcome));
          }
        }}
      />
    </Box>
  );
}
