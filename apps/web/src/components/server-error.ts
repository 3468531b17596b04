import { CardCoopError } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { ru } from '../areas/id/common/messages';
import { errorMessage } from '../areas/id/common/error-message';

/**
 * What went wrong, translated: the id area's words for the codes it knows; for the business
 * panel's and the platform's own codes the server's message (already in the language the
 * client asked for).
 */
export function serverError(error: unknown, t: TFunction<'id'>): string {
  if (
    error instanceof CardCoopError &&
    !(error.code in ru.errors) &&
    error.status >= 400 &&
    error.status < 500 &&
    error.message
  )
    return error.message;
  return errorMessage(error, t);
}

/** Whether the server refused because the session needs a fresh second factor (ADR 019). */
export const needsStepUp = (error: unknown) =>
  error instanceof CardCoopError && error.code === 'STEP_UP_REQUIRED';
