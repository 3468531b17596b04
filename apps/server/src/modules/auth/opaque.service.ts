import { Inject, Injectable } from '@nestjs/common';
import * as opaque from '@serenity-kit/opaque';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

/** Version of the OPAQUE server setup, stored with each record so a new setup can be rolled in. */
export const OPAQUE_SETUP_VERSION = 1;

/** The server half of OPAQUE (RFC 9807); the setup string never leaves this process. */
@Injectable()
export class OpaqueService {
  constructor(@Inject(SERVER_SECRETS) private readonly secrets: ServerSecrets) {}

  async registrationResponse(userIdentifier: string, registrationRequest: string): Promise<string> {
    await opaque.ready;
    return opaque.server.createRegistrationResponse({
      serverSetup: this.secrets.opaqueServerSetup,
      userIdentifier,
      registrationRequest,
    }).registrationResponse;
  }

  /** With `record` null (unknown account) the answer is a decoy of the same shape. */
  async startLogin(userIdentifier: string, record: string | null, startLoginRequest: string) {
    await opaque.ready;
    return opaque.server.startLogin({
      serverSetup: this.secrets.opaqueServerSetup,
      registrationRecord: record,
      startLoginRequest,
      userIdentifier,
    });
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
}
