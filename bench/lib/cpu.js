// CPU time and memory from /proc (Linux): of one process, of the PostgreSQL and Redis processes
// and of the whole machine, so that figures can be put per core and others' load can be seen.
// Readings are null where /proc cannot be read, except cpuSeconds, which throws.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { round } from './stats.js';

const SERVICE_COMMANDS = new Set(['postgres', 'redis-server']);

let ticks;
/** The unit of /proc's CPU times: 100 on nearly every Linux, but asked rather than assumed. */
function ticksPerSecond() {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

function readStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command, in parentheses, may itself hold spaces and parentheses: fields follow the last.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond(),
  };
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  return readStat(pid).cpuSeconds;
}

/** CPU seconds so far and resident memory of a process. */
export function readProcess(pid) {
  try {
    const { cpuSeconds: seconds } = readStat(pid);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return { cpuSeconds: seconds, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds so far of every PostgreSQL and Redis process, by pid (other users' included). */
export function readServicesCpu() {
  const byPid = new Map();
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of entries) {
    try {
      const { command, cpuSeconds: seconds } = readStat(pid);
      if (SERVICE_COMMANDS.has(command)) byPid.set(pid, seconds);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return byPid;
}

/** CPU seconds used by the whole machine (all cores, all processes) so far. */
export function readMachineCpuSeconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** How busy the machine is while nothing of ours runs, in % of one core. */
export async function backgroundCpuPercent(ms) {
  const before = readMachineCpuSeconds();
  const client = process.cpuUsage();
  await sleep(ms);
  const after = readMachineCpuSeconds();
  if (before === null || after === null) return null;
  const own = process.cpuUsage(client);
  return round((100 * (after - before - (own.user + own.system) / 1e6)) / (ms / 1000), 0);
}
