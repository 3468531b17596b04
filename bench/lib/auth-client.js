// The member's side of OPAQUE for the benchmarks: registration through the development mailbox,
// full logins (initiate + complete), each request from its own client address.
import { randomBytes, createHash } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';

export { opaque };
// The cheapest stretching the server accepts, so the load generator is not the bottleneck.
const KSF = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };
export const PASSWORD = 'bench password';

// Each request claims its own client address (X-Forwarded-For, TRUST_PROXY=1): per-IP limits
// would otherwise stop a benchmark from one machine. 198.18.0.0/15 is the benchmarking range.
let addresses = 0;
export const nextIp = () => {
  addresses += 1;
  return `198.${18 + ((addresses >> 16) & 1)}.${(addresses >> 8) & 255}.${addresses & 255}`;
};
const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const envelope = () => ({
  v: 1,
  alg: 'A256GCM',
  kid: '1',
  iv: b64(randomBytes(12)),
  ct: b64(randomBytes(48)),
});

async function post(url, route, body, ip = nextIp()) {
  const response = await fetch(`${url}/api/v1${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${json.code}`);
  return json;
}

/** The code mailed to `email`: mail goes out through the job queue, so it is waited for. */
async function mailedCode(url, email) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const { mails } = await (await fetch(`${url}/api/v1/dev/mailbox`)).json();
    const code = mails.find((mail) => mail.to === email)?.subject.match(/\d{6}/)?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code mailed to ${email} within 10 s`);
}

export async function register(url, email) {
  await post(url, '/auth/initiate-registration', {
    email,
    privacy_accepted: true,
    privacy_version: '2026-11-01',
  });
  const code = await mailedCode(url, email);
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password: PASSWORD,
  });
  const verified = await post(url, '/auth/verify-email', {
    email,
    code,
    registration_request: registrationRequest,
  });
  const { registrationRecord } = opaque.client.finishRegistration({
    password: PASSWORD,
    clientRegistrationState,
    registrationResponse: verified.registration_response,
    keyStretching: KSF,
  });
  const proof = randomBytes(32);
  await post(url, '/auth/complete-registration', {
    registration_token: verified.registration_token,
    registration_record: registrationRecord,
    ksf: KSF,
    wrapped_user_key: envelope(),
    recovery: {
      wrapped_user_key: envelope(),
      auth_hash: createHash('sha256').update(proof).digest('base64url'),
    },
  });
}

/** The client's side of a login on this thread (the default device of `login`). */
const thisThread = {
  async start() {
    const { clientLoginState, startLoginRequest } = opaque.client.startLogin({
      password: PASSWORD,
    });
    return { state: clientLoginState, request: startLoginRequest };
  },
  async finish(clientLoginState, loginResponse, ksf) {
    return opaque.client.finishLogin({
      clientLoginState,
      loginResponse,
      password: PASSWORD,
      keyStretching: ksf,
    }).finishLoginRequest;
  },
};

/**
 * One full login, the client's crypto on `device` (member-devices.js, or this thread); `server`
 * is the time spent waiting on the two HTTP calls (no client crypto).
 */
export async function login(url, email, device = thisThread) {
  const ip = nextIp();
  const { state, request } = await device.start();
  const t0 = performance.now();
  const started = await post(
    url,
    '/auth/initiate-login',
    { email, start_login_request: request },
    ip,
  );
  const t1 = performance.now();
  const finishLoginRequest = await device.finish(state, started.login_response, started.ksf);
  const t2 = performance.now();
  const done = await post(
    url,
    '/auth/complete-login',
    { login_id: started.login_id, finish_login_request: finishLoginRequest },
    ip,
  );
  const t3 = performance.now();
  return {
    server: t1 - t0 + (t3 - t2),
    total: t3 - t0,
    refreshToken: done.refresh_token,
    accessToken: done.access_token,
  };
}

export async function inParallel(count, items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
