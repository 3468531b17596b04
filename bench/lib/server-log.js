// The server's output, kept small however much it writes: counts by level and message, and a
// bounded head and tail of the lines for an error message.
import { countBounded } from './stats.js';

const HEAD_LINES = 10;
const TAIL_LINES = 30;
const LEVEL_NAMES = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function createLogCollector() {
  const log = { lines: 0, byLevel: {}, messages: {}, head: [], tail: [] };
  const add = (stream, line) => {
    if (!line.trim()) return;
    log.lines += 1;
    let level = stream;
    let message = line.slice(0, 200);
    try {
      const entry = JSON.parse(line);
      level = LEVEL_NAMES[entry.level] ?? String(entry.level ?? stream);
      message = String(entry.msg ?? '').slice(0, 200);
    } catch {
      // Not JSON (a crash trace on stderr, say): kept under the stream's name.
    }
    log.byLevel[level] = (log.byLevel[level] ?? 0) + 1;
    countBounded(log.messages, `${level}: ${message}`);
    const kept = line.length > 2000 ? `${line.slice(0, 2000)}…` : line;
    if (log.head.length < HEAD_LINES) log.head.push(kept);
    else {
      log.tail.push(kept);
      if (log.tail.length > TAIL_LINES) log.tail.shift();
    }
  };
  const text = () => [...log.head, ...(log.tail.length ? ['…', ...log.tail] : [])].join('\n');
  return { log, add, text };
}
