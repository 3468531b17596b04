import { CardCoopError } from '@cardcoop/sdk';

/** Whether the server answered that the thing asked for is not there. */
export const isNotFound = (error: unknown) =>
  error instanceof CardCoopError && (error.status === 404 || error.code === 'NOT_FOUND');
