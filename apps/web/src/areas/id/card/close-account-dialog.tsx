import type { CoopAccount, MemberClient } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/confirm-dialog';
import { cardErrorMessage } from './card-error';

interface CloseAccountDialogProps {
  member: MemberClient;
  /** The account to close; the dialog is open while there is one. */
  account: CoopAccount | undefined;
  onClose: () => void;
  onClosed: (account: CoopAccount) => void;
}

/**
 * Asks before closing an account (the cooperative's access is revoked, the username is never
 * used again, the cooperative is told), then closes it; stays open with progress meanwhile and
 * shows a failure next to its button.
 */
export function CloseAccountDialog({
  member,
  account,
  onClose,
  onClosed,
}: CloseAccountDialogProps) {
  const { t } = useTranslation('id');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = account?.displayName ?? '';

  const cancel = () => {
    setError(undefined);
    onClose();
  };
  const close = async () => {
    if (!account) return;
    setBusy(true);
    setError(undefined);
    try {
      await member.card.closeAccount(account.coopname);
      onClosed(account);
    } catch (failure) {
      setError(cardErrorMessage(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      opened={account !== undefined}
      title={t('access.accounts.confirmTitle', { name })}
      text={t('access.accounts.confirmText', { username: account?.username ?? '' })}
      confirmLabel={t('access.accounts.confirm')}
      busy={busy}
      error={error}
      onConfirm={() => void close()}
      onCancel={cancel}
    />
  );
}
