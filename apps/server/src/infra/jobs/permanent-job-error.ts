/**
 * Thrown by a job handler when trying again cannot help (the remote refused the request itself):
 * the job is given up on at once, kept with this message for an operator, instead of retried.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
