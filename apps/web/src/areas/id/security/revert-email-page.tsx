import { cardcoop } from '../../../lib/cardcoop';
import { RevertLinkPage } from './revert-link-page';

/**
 * `/id/revert-email?token=…`, from the mail to the old address: takes the account back to that
 * address and ends every session.
 */
export function RevertEmailPage() {
  return (
    <RevertLinkPage texts="revert" revert={(token) => cardcoop.auth.revertEmailChange(token)} />
  );
}
