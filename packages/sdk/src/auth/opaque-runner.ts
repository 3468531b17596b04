import type { Ksf } from '@cardcoop/contracts';

/**
 * The client side of OPAQUE, including the argon2id stretching (the slow part). Every method takes
 * and returns plain strings, so a browser app can run it in a Web Worker behind `postMessage` and
 * pass that implementation to the auth flows; {@link inThreadOpaque} runs it in the caller's
 * thread.
 *
 * `ksf` is always passed to the library explicitly: its default changed between releases, and a
 * mismatch fails silently (looks like a wrong password).
 *
 * @example
 * ```ts
 * // In the app: a worker-backed runner with the same shape.
 * const worker: OpaqueRunner = wrap(new Worker(new URL('./opaque.worker.js', import.meta.url)));
 * await login(http, { email, password, opaque: worker });
 * ```
 */
export interface OpaqueRunner {
  startRegistration(
    password: string,
  ): Promise<{ clientRegistrationState: string; registrationRequest: string }>;
  finishRegistration(input: {
    password: string;
    clientRegistrationState: string;
    registrationResponse: string;
    ksf: Ksf;
  }): Promise<{ registrationRecord: string; exportKey: string; serverStaticPublicKey: string }>;
  startLogin(password: string): Promise<{ clientLoginState: string; startLoginRequest: string }>;
  /** `undefined` when the password (or the account, or the KSF) does not match. */
  finishLogin(input: {
    password: string;
    clientLoginState: string;
    loginResponse: string;
    ksf: Ksf;
  }): Promise<
    { finishLoginRequest: string; exportKey: string; serverStaticPublicKey: string } | undefined
  >;
}

/**
 * The OPAQUE library (WebAssembly inlined, ~430 KB), loaded on first use: an app that runs
 * OPAQUE in a worker never puts it in its main bundle.
 */
async function library() {
  const opaque = await import('@serenity-kit/opaque');
  await opaque.ready;
  return opaque;
}

/**
 * {@link OpaqueRunner} on the calling thread with `@serenity-kit/opaque`. Fine in Node and in
 * tests; a browser UI should use a worker-backed runner instead.
 *
 * @example
 * ```ts
 * const { registrationRequest } = await inThreadOpaque.startRegistration('correct horse');
 * ```
 */
export const inThreadOpaque: OpaqueRunner = {
  async startRegistration(password) {
    return (await library()).client.startRegistration({ password });
  },
  async finishRegistration({ password, clientRegistrationState, registrationResponse, ksf }) {
    const { registrationRecord, exportKey, serverStaticPublicKey } = (
      await library()
    ).client.finishRegistration({
      password,
      clientRegistrationState,
      registrationResponse,
      keyStretching: ksf,
    });
    return { registrationRecord, exportKey, serverStaticPublicKey };
  },
  async startLogin(password) {
    return (await library()).client.startLogin({ password });
  },
  async finishLogin({ password, clientLoginState, loginResponse, ksf }) {
    const result = (await library()).client.finishLogin({
      password,
      clientLoginState,
      loginResponse,
      keyStretching: ksf,
    });
    if (!result) return undefined;
    // The session key is not used (tokens come from the server), so it does not leave here.
    const { finishLoginRequest, exportKey, serverStaticPublicKey } = result;
    return { finishLoginRequest, exportKey, serverStaticPublicKey };
  },
};
