import { Stack, Text, TextInput } from '@mantine/core';
import type { CodeSent } from '@cardcoop/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from './problem';
import type { Problem } from './problem';
import { ResendCode } from './resend-code';
import { sentCode } from './sent-code';
import type { SentCode } from './sent-code';

/**
 * The six-digit code from an e-mail, with "send it again" once the server's wait is over.
 */
export function EmailCodeField({
  sent: first,
  onResend,
  value,
  onChange,
  error,
  disabled,
}: {
  sent: SentCode;
  onResend: () => Promise<CodeSent>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('id');
  const [sent, setSent] = useState(first);
  const [resending, setResending] = useState(false);
  const [note, setNote] = useState<Problem>();
  const text = useProblemText();

  const resend = async () => {
    setResending(true);
    setNote(undefined);
    try {
      setSent(sentCode(sent.email, await onResend()));
      setNote('auth.code.resent');
    } catch (failure) {
      setNote({ failure });
    } finally {
      setResending(false);
    }
  };

  return (
    <Stack gap={6}>
      <TextInput
        label={t('auth.code.label')}
        description={t('auth.code.description', {
          email: sent.email,
          minutes: Math.ceil(sent.expires_in_seconds / 60),
        })}
        autoComplete="one-time-code"
        inputMode="numeric"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value.replace(/\s/g, ''))}
        error={error}
        disabled={disabled}
        required
      />
      <ResendCode
        key={sent.sentAt}
        resendAt={sent.sentAt + sent.resend_after_seconds * 1000}
        busy={resending || Boolean(disabled)}
        onResend={() => void resend()}
      />
      <Text
        size="sm"
        role="status"
        c={typeof note === 'object' ? 'var(--mantine-color-error)' : undefined}
      >
        {text(note)}
      </Text>
    </Stack>
  );
}
