// One worker thread of ws.js: opens its share of the authenticated sockets, a few hundred
// handshakes at a time, and records when each `member-event` arrives. The event's id carries the
// time it was published (ms since the epoch, from performance.timeOrigin + now(), one clock for
// every thread of the process), so each receipt is a latency by itself.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, path, eventName, tokens, inFlight } = workerData;
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
const latencies = [];
let refused = 0;

function open(token) {
  return new Promise((resolve) => {
    const socket = io(url, {
      path,
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    socket.on(eventName, (event) => latencies.push(now() - Number(event.notification_id)));
    socket.once('connect', () => resolve(sockets.push(socket)));
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
    while (next < tokens.length) await open(tokens[next++]);
  }),
);
parentPort.postMessage({ type: 'connected', open: sockets.length, refused, ms: now() - started });

parentPort.on('message', (message) => {
  if (message === 'report') {
    parentPort.postMessage({ type: 'report', latencies: latencies.splice(0) });
  } else if (message === 'close') {
    for (const socket of sockets) socket.close();
    parentPort.close();
  }
});
