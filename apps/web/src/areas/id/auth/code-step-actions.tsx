import { Anchor, Button } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from './form-error';
import { ProgressNote } from './progress-note';

interface CodeStepActionsProps {
  /** The error of the whole form, shown above the button. */
  error: string | undefined;
  busy: boolean;
  submitLabel: string;
  /** What the progress note says while busy. */
  busyText: string;
  color?: ButtonProps['color'];
  /** Back to the e-mail step, to use another address. */
  onOtherEmail: () => void;
}

/** The end of every step that follows an e-mailed code: error, submit, progress, other address. */
export function CodeStepActions(props: CodeStepActionsProps) {
  const { t } = useTranslation('id');
  return (
    <>
      <FormError message={props.error} />
      <Button type="submit" loading={props.busy} color={props.color}>
        {props.submitLabel}
      </Button>
      <ProgressNote text={props.busy ? props.busyText : undefined} />
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={props.onOtherEmail}
        disabled={props.busy}
        ta="start"
      >
        {t('auth.code.otherEmail')}
      </Anchor>
    </>
  );
}
