import { Group, Radio } from '@mantine/core';
import { CARD_KINDS } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import type { CardKind } from './card-fields';

/** Who the card is for: it decides which fields follow. */
export function CardKindPicker({
  value,
  onChange,
}: {
  value: CardKind;
  onChange: (kind: CardKind) => void;
}) {
  const { t } = useTranslation('id');
  return (
    <Radio.Group
      label={t('card.kind.label')}
      value={value}
      onChange={(kind) => onChange(kind as CardKind)}
      required
    >
      <Group gap="md" mt="xs">
        {CARD_KINDS.map((kind) => (
          <Radio key={kind} value={kind} label={t(`card.kind.${kind}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}
