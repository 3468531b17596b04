import type { MemberClient } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../common/error-message';
import { ConfirmDialog } from '../common/confirm-dialog';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const cooperative = grant?.display_name ?? '';

  const close = () => {
    setError(undefined);
    onClose();
  };
  const revoke = async () => {
    if (!grant) return;
    setBusy(true);
    setError(undefined);
    try {
      await member.access.revoke(grant.coopname);
      onRevoked(grant);
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      opened={grant !== undefined}
      title={t('access.page.confirmTitle', { cooperative })}
      text={t('access.page.confirmText', { cooperative })}
      confirmLabel={t('access.page.confirm')}
      busy={busy}
      error={error}
      onConfirm={() => void revoke()}
      onCancel={close}
    />
  );
}
