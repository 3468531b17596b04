// One worker thread of users.js: opens its share of the members' sockets (one per member), a few
// hundred handshakes at a time, and records every `member-event` with the member's index and
// when it arrived (ms since the epoch: performance.timeOrigin + now(), one clock for every
// thread of the process), for the main thread to match with the write that caused it.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, path, eventName, tokens, firstIndex, inFlight } = workerData;
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
let received = [];
let refused = 0;
let disconnected = 0;

function open(token, index) {
  return new Promise((resolve) => {
    const socket = io(url, {
      path,
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    socket.on(eventName, (event) => received.push({ index, event, at: now() }));
    socket.once('connect', () => {
      socket.once('disconnect', () => (disconnected += 1));
      resolve(sockets.push(socket));
    });
    socket.once('connect_error', () => {
      refused += 1;
      resolve();
    });
  });
}

let next = 0;
const started = now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < tokens.length) {
      const i = next++;
      await open(tokens[i], firstIndex + i);
    }
  }),
);
parentPort.postMessage({ type: 'connected', open: sockets.length, refused, ms: now() - started });

parentPort.on('message', (message) => {
  if (message === 'report') {
    parentPort.postMessage({ type: 'report', received, disconnected });
    received = [];
  } else if (message === 'close') {
    for (const socket of sockets) socket.close();
    parentPort.close();
  }
});
