import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, isLanguage, type Language } from '../lib/i18n';

// Each language is named in itself, so a reader of either language can find their own.
const OPTIONS: { value: Language; short: string; name: string }[] = [
  { value: 'ru', short: 'RU', name: 'Русский' },
  { value: 'en', short: 'EN', name: 'English' },
];

export function LanguageSwitch() {
  const { t } = useTranslation();

  return (
    <SegmentedControl
      size="xs"
      aria-label={t('settings.language')}
      value={currentLanguage()}
      // Switches once the messages of the other language are fetched: never a half-translated page.
      onChange={(value) => {
        if (isLanguage(value)) changeLanguage(value).catch(() => undefined); // stays as it was
      }}
      data={OPTIONS.map(({ value, short, name }) => ({
        value,
        label: (
          <span lang={value}>
            <span aria-hidden="true">{short}</span>
            <VisuallyHidden>{name}</VisuallyHidden>
          </span>
        ),
      }))}
    />
  );
}
