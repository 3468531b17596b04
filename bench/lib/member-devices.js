// The members' devices of bench/mix.js: the client's side of an OPAQUE login (its argon2 above
// all, ~30 ms of CPU) in a child process at the lowest CPU priority. On members' phones that work
// costs the server nothing; here it shares the server's cores, and done on the load generator's
// own thread it would also hold back every request scheduled meanwhile. The HTTP calls stay in
// the generator, so the server's side of a login is timed as any other request.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { opaque, PASSWORD } from './auth-client.js';

const CHILD = fileURLToPath(import.meta.url);

/** In the child: answers { id, op, ... } with { id, result } or { id, error }. */
async function serve() {
  await opaque.ready;
  const states = new Map();
  process.on('message', ({ id, op, loginResponse, ksf }) => {
    try {
      if (op === 'start') {
        const { clientLoginState, startLoginRequest } = opaque.client.startLogin({
          password: PASSWORD,
        });
        states.set(id, clientLoginState);
        process.send({ id, result: startLoginRequest });
      } else {
        const clientLoginState = states.get(id);
        states.delete(id);
        const finished = opaque.client.finishLogin({
          clientLoginState,
          loginResponse,
          password: PASSWORD,
          keyStretching: ksf,
        });
        if (!finished) throw new Error('the server answered with a login the client refused');
        process.send({ id, result: finished.finishLoginRequest });
      }
    } catch (error) {
      states.delete(id);
      process.send({ id, error: error.message });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** A login device for auth-client's `login`, backed by the child process. */
export function startMemberDevices() {
  const child = fork(CHILD, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW);
  const waiting = new Map();
  let ids = 0;
  child.on('message', ({ id, result, error }) => {
    const pending = waiting.get(id);
    waiting.delete(id);
    if (error) pending?.reject(new Error(error));
    else pending?.resolve(result);
  });
  child.on('exit', (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`device exited (${code})`));
    waiting.clear();
  });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      waiting.set(message.id, { resolve, reject });
      child.send(message);
    });
  return {
    pid: child.pid,
    async start() {
      const id = ++ids;
      return { state: id, request: await ask({ id, op: 'start' }) };
    },
    finish: (state, loginResponse, ksf) => ask({ id: state, op: 'finish', loginResponse, ksf }),
    close: () => child.disconnect(),
  };
}

if (process.argv[2] === '--serve' && process.argv[1] === CHILD) await serve();
