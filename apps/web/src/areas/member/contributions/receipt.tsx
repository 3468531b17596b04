import type { ContributionDetails } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import print from '../../../components/print-sheet.module.css';
import { formatDate } from '../../../lib/format';
import { rublesInWords } from './amount-in-words';
import { useKindLabel } from './contribution-labels';
import { formatMoney } from './money';
import { PaymentQr } from './payment-qr';
import classes from './receipt.module.css';

/** What the browser prints from a contribution's page (hidden on screen): the payment slip. */
export function Receipt({ contribution }: { contribution: ContributionDetails }) {
  const { t, i18n } = useTranslation('member');
  const kind = useKindLabel();
  const bank = contribution.payment_details;
  const rows: [string, string][] = [
    [t('contributions.details.recipient'), bank.recipient_name],
    [t('contributions.details.inn'), bank.inn],
    [t('contributions.details.kpp'), bank.kpp],
    [t('contributions.details.account'), bank.personal_acc],
    [t('contributions.details.bankName'), bank.bank_name],
    [t('contributions.details.bic'), bank.bic],
    [t('contributions.details.corrAccount'), bank.corresp_acc],
    [t('contributions.receipt.payer'), contribution.username],
    [t('contributions.details.amount'), formatMoney(contribution.amount, i18n.language)],
    // A Russian payment slip also writes a ruble amount out in words (in Russian).
    ...(contribution.amount.currency === 'RUB'
      ? [
          [
            t('contributions.receipt.inWords'),
            rublesInWords(contribution.amount.amount),
          ] satisfies [string, string],
        ]
      : []),
    [t('contributions.details.purpose'), contribution.purpose],
    [t('contributions.receipt.due'), formatDate(contribution.due_date, i18n.language)],
  ];
  return (
    <section className={print.sheet} data-testid="contribution-receipt" aria-hidden="true">
      <h2>
        {t('contributions.receipt.title')}: {kind(contribution)}
      </h2>
      <div className={classes.body}>
        {contribution.payload && <PaymentQr payload={contribution.payload} size={200} />}
        <dl>
          {rows.map(([term, value]) => (
            <div key={term} style={{ display: 'contents' }}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
