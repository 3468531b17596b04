import { Inject, Injectable } from '@nestjs/common';
import * as opaque from '@serenity-kit/opaque';
import { AppError } from '../../common/errors/app-error.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

/** Version of the OPAQUE server setup, stored with each record so a new setup can be rolled in. */
export const OPAQUE_SETUP_VERSION = 1;

/**
 * A client's OPAQUE message the library cannot read (it passed the base64url check, but is not
 * a message): 422 VALIDATION_FAILED naming the field, instead of the library's throw as a 500.
 */
function malformed(field: string, cause: unknown): AppError {
  return new AppError('VALIDATION_FAILED', 422, {
    cause,
    details: [{ path: field, code: 'invalid_format', message: 'not an OPAQUE message' }],
  });
}

/**
 * Whether a library error is about the named client message (`… at "deserialize
 * startLoginRequest"`, `base64 decoding failed at "startLoginRequest"`), not about our own
 * state: a stored record or state the library cannot read stays a 500.
 */
function about(error: unknown, name: string): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.includes(`"deserialize ${name}"`) || message.includes(`at "${name}"`);
}

/** The server half of OPAQUE (RFC 9807); the setup string never leaves this process. */
@Injectable()
export class OpaqueService {
  /** A well-formed login request (of a throwaway password) to read records against. */
  private probeRequest: string | undefined;

  constructor(@Inject(SERVER_SECRETS) private readonly secrets: ServerSecrets) {}

  /**
   * The server's static OPAQUE public key (ristretto255, base64url): what every registration and
   * login reports to the client as `serverStaticPublicKey`, published for pinning.
   */
  async publicKey(): Promise<string> {
    await opaque.ready;
    return opaque.server.getPublicKey(this.secrets.opaqueServerSetup);
  }

  /** @throws AppError 422 VALIDATION_FAILED (`registration_request`) for a malformed request. */
  async registrationResponse(userIdentifier: string, registrationRequest: string): Promise<string> {
    await opaque.ready;
    try {
      return opaque.server.createRegistrationResponse({
        serverSetup: this.secrets.opaqueServerSetup,
        userIdentifier,
        registrationRequest,
      }).registrationResponse;
    } catch (error) {
      if (about(error, 'registrationRequest')) throw malformed('registration_request', error);
      throw error;
    }
  }

  /**
   * With `record` null (unknown account) the answer is a decoy of the same shape.
   *
   * @throws AppError 422 VALIDATION_FAILED (`start_login_request`) for a malformed request.
   */
  async startLogin(userIdentifier: string, record: string | null, startLoginRequest: string) {
    await opaque.ready;
    try {
      return opaque.server.startLogin({
        serverSetup: this.secrets.opaqueServerSetup,
        registrationRecord: record,
        startLoginRequest,
        userIdentifier,
      });
    } catch (error) {
      if (about(error, 'startLoginRequest')) throw malformed('start_login_request', error);
      throw error;
    }
  }

  /** True when the client proved knowledge of the password. */
  async finishLogin(serverLoginState: string, finishLoginRequest: string): Promise<boolean> {
    await opaque.ready;
    try {
      opaque.server.finishLogin({ serverLoginState, finishLoginRequest });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Refuses a registration record the library could not use at the next login (it would be
   * stored, and every later login of the account would fail): the record is read the way a
   * login reads it, against a fixed well-formed login request.
   *
   * @throws AppError 422 VALIDATION_FAILED (`registration_record`).
   */
  async assertRegistrationRecord(record: string): Promise<void> {
    await opaque.ready;
    this.probeRequest ??= opaque.client.startLogin({ password: 'probe' }).startLoginRequest;
    try {
      opaque.server.startLogin({
        serverSetup: this.secrets.opaqueServerSetup,
        registrationRecord: record,
        startLoginRequest: this.probeRequest,
        userIdentifier: 'record-check',
      });
    } catch (error) {
      throw malformed('registration_record', error);
    }
  }
}
