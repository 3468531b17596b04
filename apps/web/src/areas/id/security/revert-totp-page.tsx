import { cardcoop } from '../../../lib/cardcoop';
import { RevertLinkPage } from './revert-link-page';

/**
 * `/id/revert-totp?token=…`, from the mail sent when 2FA was turned on: undoes it (2FA off,
 * backup codes gone, every session ended) within 7 days.
 */
export function RevertTotpPage() {
  return <RevertLinkPage texts="revertTotp" revert={(token) => cardcoop.auth.revertTotp(token)} />;
}
