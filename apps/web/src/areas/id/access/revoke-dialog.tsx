import type { MemberClient } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../common/error-message';
import { ConfirmDialog } from '../common/confirm-dialog';
import { useDialogAction } from '../common/use-dialog-action';
import type { Grant } from './use-grants';

interface RevokeDialogProps {
  member: MemberClient;
  /** The grant to revoke; the dialog is open while there is one. */
  grant: Grant | undefined;
  onClose: () => void;
  onRevoked: (grant: Grant) => void;
}

/** Asks before revoking, then deletes the shared copy; stays open with progress meanwhile. */
export function RevokeDialog({ member, grant, onClose, onRevoked }: RevokeDialogProps) {
  const { t } = useTranslation('id');
  const cooperative = grant?.display_name ?? '';
  const action = useDialogAction({
    item: grant,
    run: (revoked) => member.access.revoke(revoked.coopname),
    describe: (failure) => errorMessage(failure, t),
    onDone: onRevoked,
    onCancel: onClose,
  });

  return (
    <ConfirmDialog
      opened={grant !== undefined}
      title={t('access.page.confirmTitle', { cooperative })}
      text={t('access.page.confirmText', { cooperative })}
      confirmLabel={t('access.page.confirm')}
      busy={action.busy}
      error={action.error}
      onConfirm={action.confirm}
      onCancel={action.cancel}
    />
  );
}
