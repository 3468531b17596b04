import { Alert, Anchor, Button, Code, Stack, Text, Title } from '@mantine/core';
import { CardCoopError } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../common/error-message';
import type { ConnectParam, ConnectRequest } from './connect-request';

/** Why a connect request is not taken, before the member is asked for anything. */
export type RefusalReason =
  | { kind: 'params'; invalid: ConnectParam[] }
  /** Popup mode, but the cooperative's window is gone (or never was): nowhere to answer. */
  | { kind: 'no-opener' }
  /** The embed page outside an iframe: there is no cooperative page to answer. */
  | { kind: 'not-framed' }
  /** The server's answer about the request: unregistered address, unknown cooperative, … */
  | { kind: 'target'; error: unknown; request: ConnectRequest };

const codeOf = (error: unknown) => (error instanceof CardCoopError ? error.code : undefined);

interface ConnectRefusalProps {
  reason: RefusalReason;
  /** In the cooperative's iframe: no links into card.coop. */
  embedded: boolean;
  onRetry: () => void;
}

/**
 * A readable refusal that names the problem. It never links to the address the request named:
 * that address is exactly what could not be trusted.
 */
export function ConnectRefusal({ reason, embedded, onRetry }: ConnectRefusalProps) {
  const { t } = useTranslation('id');
  const code = reason.kind === 'target' ? codeOf(reason.error) : undefined;
  const retryable =
    reason.kind === 'target' &&
    code !== 'UNREGISTERED_CALLBACK' &&
    code !== 'NOT_FOUND' &&
    code !== 'VALIDATION_FAILED';

  const explanation = () => {
    switch (reason.kind) {
      case 'params':
        return `${t('access.refusal.malformed')} ${t('access.refusal.invalid', {
          params: reason.invalid.map((param) => t(`access.params.${param}`)).join(', '),
        })}`;
      case 'no-opener':
        return t('access.refusal.noOpener');
      case 'not-framed':
        return t('access.refusal.notFramed');
      case 'target': {
        const { coopname, responseMode } = reason.request;
        if (code === 'UNREGISTERED_CALLBACK') {
          return responseMode === 'web_message'
            ? t('access.refusal.unregisteredOrigin', { coopname })
            : t('access.refusal.unregisteredCallback', { coopname });
        }
        if (code === 'NOT_FOUND') return t('access.refusal.unknown', { coopname });
        if (code === 'VALIDATION_FAILED') return t('access.refusal.malformed');
        return errorMessage(reason.error, t);
      }
    }
  };

  return (
    <Stack>
      <Title order={1} size={embedded ? 'h3' : undefined}>
        {t('access.refusal.title')}
      </Title>
      <Alert color="red" role="alert">
        {explanation()}
      </Alert>
      {code === 'UNREGISTERED_CALLBACK' && reason.kind === 'target' && (
        <div>
          <Text size="sm">{t('access.refusal.address')}</Text>
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {reason.request.redirectUri}
          </Code>
          <Text size="sm" mt="xs">
            {t('access.refusal.phishing')}
          </Text>
        </div>
      )}
      {retryable && (
        <Button variant="default" onClick={onRetry} style={{ alignSelf: 'flex-start' }}>
          {t('access.refusal.retry')}
        </Button>
      )}
      {!embedded && (
        <Anchor component={Link} to="/id">
          {t('access.refusal.home')}
        </Anchor>
      )}
    </Stack>
  );
}
