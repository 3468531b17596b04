import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** `PUB_K1_6jCb…8yqK9W`: enough to recognise a key; the copy button gives all of it. */
function shorten(key: string): string {
  const prefix = 'PUB_K1_';
  const body = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  return body.length > 12 ? `${prefix}${body.slice(0, 6)}…${body.slice(-6)}` : key;
}

/** An account's public key, shortened, with a button that copies the whole key. */
export function PublicKey({ value }: { value: string }) {
  const { t } = useTranslation('id');
  return (
    <Group gap="xs" wrap="wrap">
      <Code title={value}>{shorten(value)}</Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button size="compact-sm" variant="default" onClick={copy} aria-live="polite">
            {t(copied ? 'card.accounts.copied' : 'card.accounts.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
