import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import type { PreparedShare } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';

/**
 * How the cooperative presents itself on the consent screen, as its staff set it in the
 * business panel: its logo, its description and a link to its site. Nothing when it set none.
 */
export function ConsentRecipient({ prepared }: { prepared: PreparedShare }) {
  const { t } = useTranslation('id');
  const { logo_url: logo, description, site_url: site } = prepared;
  if (!logo && !description && !site) return null;
  return (
    <Group
      align="flex-start"
      wrap="nowrap"
      gap="md"
      aria-label={t('access.consent.about')}
      role="group"
    >
      {logo && (
        <Image
          src={logo}
          alt={t('access.consent.logoAlt', { name: prepared.display_name })}
          w={64}
          h={64}
          fit="contain"
          radius="sm"
          style={{ flex: 'none' }}
        />
      )}
      <Stack gap={4} style={{ minWidth: 0 }}>
        {description && <Text style={{ overflowWrap: 'anywhere' }}>{description}</Text>}
        {site && (
          <Anchor
            href={site}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {t('access.consent.site')}: {new URL(site).host}
          </Anchor>
        )}
      </Stack>
    </Group>
  );
}
