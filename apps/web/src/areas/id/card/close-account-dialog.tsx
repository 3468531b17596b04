import type { CoopAccount, MemberClient } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/confirm-dialog';
import { useDialogAction } from '../common/use-dialog-action';
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
  const action = useDialogAction({
    item: account,
    run: (closing) => member.card.closeAccount(closing.coopname),
    describe: (failure) => cardErrorMessage(failure, t),
    onDone: onClosed,
    onCancel: onClose,
  });

  return (
    <ConfirmDialog
      opened={account !== undefined}
      title={t('access.accounts.confirmTitle', { name: account?.displayName ?? '' })}
      text={t('access.accounts.confirmText', { username: account?.username ?? '' })}
      confirmLabel={t('access.accounts.confirm')}
      busy={action.busy}
      error={action.error}
      onConfirm={action.confirm}
      onCancel={action.cancel}
    />
  );
}
