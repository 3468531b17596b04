import { Anchor, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Send the code again", after the wait the server asked for. Keyed by the code it counts for,
 * so each new code starts a new timer.
 */
export function ResendCode({
  resendAt,
  busy,
  onResend,
}: {
  resendAt: number;
  busy: boolean;
  onResend: () => void;
}) {
  const { t } = useTranslation('id');
  const [now, setNow] = useState(Date.now);
  const seconds = Math.max(0, Math.ceil((resendAt - now) / 1000));

  useEffect(() => {
    if (resendAt <= Date.now()) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= resendAt) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [resendAt]);

  if (seconds > 0)
    return (
      <Text size="sm" c="dimmed">
        {t('auth.code.resendIn', { seconds })}
      </Text>
    );
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      onClick={onResend}
      disabled={busy}
      ta="start"
    >
      {t('auth.code.resend')}
    </Anchor>
  );
}
