import type { AiforyErrorCode } from '@cardcoop/contracts';

const STATUS: Record<AiforyErrorCode, number> = {
  unauthorized: 401,
  invalid_request: 400,
  unknown_operation: 404,
  not_found: 404,
  request_id_reused: 409,
  insufficient_master_balance: 409,
  card_closed: 409,
  currency_mismatch: 422,
  amount_out_of_range: 422,
  payload_too_large: 413,
  internal_error: 500,
};

/** An answer `{ ok: false, error: { code, message } }` with the code's HTTP status. */
export class SandboxError extends Error {
  readonly status: number;
  constructor(
    readonly code: AiforyErrorCode,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
