import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StepHeading } from '../common/step-heading';

interface BackupCodesStepProps {
  codes: string[];
  onDone: () => void;
}

/** Saves the codes as a text file; nothing is kept in the browser. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** The 10 backup codes, shown this once: copy them or download them, then go on. */
export function BackupCodesStep({ codes, onDone }: BackupCodesStepProps) {
  const { t } = useTranslation('id');
  const text = [t('security.codes.fileHeader'), '', ...codes, ''].join('\n');
  return (
    <Stack>
      <StepHeading order={3}>{t('security.codes.title')}</StepHeading>
      <Alert color="yellow">{t('security.codes.once')}</Alert>
      <SimpleGrid
        component="ul"
        cols={2}
        spacing="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('security.codes.title')}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Text size="sm">{t('security.codes.usage')}</Text>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {t(copied ? 'security.copied' : 'security.codes.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => download('cardcoop-backup-codes.txt', text)}>
          {t('security.codes.download')}
        </Button>
        <Button onClick={onDone}>{t('security.codes.done')}</Button>
      </Group>
    </Stack>
  );
}
