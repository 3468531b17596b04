// Resource use per scenario: CPU of the server, of this script (autocannon runs in it), of
// PostgreSQL and Redis, and of everything else on the machine (others' builds and tests distort
// the figures), and the server's RSS at the start, peak and end.
import { readMachineCpuSeconds, readProcess, readServicesCpu } from './cpu.js';
import { round } from './stats.js';

/** Peak RSS is sampled this often between begin() and end(). */
const SAMPLE_MS = 500;

export function createSampler(pid, { services }) {
  let window;
  const sample = () => {
    const reading = readProcess(pid);
    if (reading && window) window.peakRssMb = Math.max(window.peakRssMb, reading.rssMb);
    return reading;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  timer.unref();
  return {
    begin() {
      const first = readProcess(pid);
      window = {
        first,
        machine: readMachineCpuSeconds(),
        services: services ? readServicesCpu() : null,
        at: process.hrtime.bigint(),
        client: process.cpuUsage(),
        peakRssMb: first?.rssMb ?? 0,
      };
    },
    end() {
      const last = sample();
      const machine = readMachineCpuSeconds();
      const seconds = Number(process.hrtime.bigint() - window.at) / 1e9;
      const usage = process.cpuUsage(window.client);
      const { first } = window;
      const percent = (cpuSeconds) => round((100 * cpuSeconds) / seconds, 0);
      const server = first && last ? last.cpuSeconds - first.cpuSeconds : null;
      const client = (usage.user + usage.system) / 1e6;
      const total = machine !== null && window.machine !== null ? machine - window.machine : null;
      let servicesSeconds = null;
      const endServices = window.services ? readServicesCpu() : null;
      if (endServices) {
        servicesSeconds = 0;
        for (const [servicePid, serviceSeconds] of endServices) {
          servicesSeconds += serviceSeconds - (window.services.get(servicePid) ?? 0);
        }
      }
      return {
        serverCpuPercent: server === null ? null : percent(server),
        clientCpuPercent: percent(client),
        servicesCpuPercent: servicesSeconds === null ? null : percent(servicesSeconds),
        otherCpuPercent:
          server === null || total === null
            ? null
            : Math.max(0, percent(total - server - client - (servicesSeconds ?? 0))),
        serverRssMbStart: first ? round(first.rssMb, 1) : null,
        serverRssMbPeak: first ? round(window.peakRssMb, 1) : null,
        serverRssMbEnd: last ? round(last.rssMb, 1) : null,
      };
    },
    stop: () => clearInterval(timer),
  };
}
