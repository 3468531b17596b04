import { Checkbox, Fieldset, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardField } from './card-field';
import type { CardSpec, CardValues } from './card-fields';
import { FACT_ADDRESS, hasValues, valueOf } from './card-fields';
import { groupLabelKey } from './card-labels';

interface CardInputsProps {
  specs: CardSpec[];
  values: CardValues;
  /** Issues to show, by path. */
  errors: Record<string, string>;
  /** Warnings about stored values to fix, by path. */
  warnings?: Record<string, string>;
  onChange: (path: string, value: string) => void;
  onBlur: (path: string) => void;
  /** False inside an optional group nobody has started to fill: nothing there is required. */
  active?: boolean;
  /** An organization works at its legal address: the actual address is not typed again. */
  sameAddress?: boolean;
  onSameAddress?: (same: boolean) => void;
}

/** The inputs of a card form; nested objects become fieldsets. */
export function CardInputs({ specs, active = true, ...props }: CardInputsProps) {
  const { t } = useTranslation('id');
  return (
    <Stack gap="sm">
      {specs.map((spec) => {
        if (spec.type === 'field') {
          const field = (
            <CardField
              key={spec.path}
              field={spec}
              value={valueOf(spec, props.values)}
              required={active && spec.required}
              error={props.errors[spec.path]}
              warning={props.warnings?.[spec.path]}
              onChange={props.onChange}
              onBlur={props.onBlur}
            />
          );
          if (spec.path !== FACT_ADDRESS || !props.onSameAddress) return field;
          const { sameAddress = false, onSameAddress } = props;
          return (
            <Stack key={spec.path} gap="sm">
              <Checkbox
                label={t('card.form.sameAddress')}
                checked={sameAddress}
                onChange={(event) => onSameAddress(event.currentTarget.checked)}
              />
              {!sameAddress && field}
            </Stack>
          );
        }
        const filled = spec.required || hasValues(spec, props.values);
        return (
          <Fieldset key={spec.path} legend={t(groupLabelKey(spec))} p={{ base: 'sm', sm: 'md' }}>
            {!spec.required && (
              <Text size="sm" c="dimmed" mb="sm">
                {t('card.groups.optional')}
              </Text>
            )}
            <CardInputs specs={spec.children} active={active && filled} {...props} />
          </Fieldset>
        );
      })}
    </Stack>
  );
}
