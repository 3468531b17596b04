// The markdown summary of a run's results, printed to stdout (the JSON file has everything).
import { TARGET } from './scenarios.js';

/** Above this, "other" CPU during a scenario gets a warning under the table. */
export const NOISY_OTHER_CPU_PERCENT = 10;

export function describeCounts(counts) {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([key, count]) => `${key} ×${count}`).join(', ') : '0';
}

export function fmt(value, digits = 2) {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

export function markdownReport(results) {
  const lines = [];
  const { machine, options } = results;
  lines.push(
    `### ${results.mode} · ${options.duration} s × ${options.connections} connections` +
      `${options.rate ? ` · fixed ${options.rate} req/s` : ''} · ${results.startedAt}`,
    '',
    `Command: \`${results.command}\`  `,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `${machine.platform}, Node ${machine.node}; server: ${results.server.database} + ` +
      `${results.server.cache}; commit ${results.git.commit}${results.git.dirty ? ' (dirty)' : ''}, ` +
      `server built ${results.server.builtAt}`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | max ms | requests | non-2xx | unexpected | errors (timeouts) | CPU % server / bench / pg+redis / other | server RSS MB start→peak→end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  );
  for (const run of results.scenarios) {
    const l = run.latencyMs ?? {};
    const unexpected = Object.keys(run.unexpectedStatuses).length
      ? `⚠ ${describeCounts(run.unexpectedStatuses)}`
      : 'none';
    const r = run.resources ?? {};
    lines.push(
      `| ${run.scenario} | ${fmt(run.rps, 0)} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} ` +
        `| ${fmt(l.max)} | ${run.requests} | ${run.non2xx} | ${unexpected} ` +
        `| ${run.errors ? '⚠ ' : ''}${run.errors} (${run.timeouts}) ` +
        `| ${r.serverCpuPercent ?? '–'} / ${r.clientCpuPercent ?? '–'} / ` +
        `${r.servicesCpuPercent ?? '–'} / ${r.otherCpuPercent ?? '–'} ` +
        `| ${fmt(r.serverRssMbStart, 0)}→${fmt(r.serverRssMbPeak, 0)}→${fmt(r.serverRssMbEnd, 0)} |`,
    );
  }
  for (const run of results.scenarios.filter((entry) => entry.parts)) {
    lines.push(
      '',
      `${run.scenario}, by part:`,
      '',
      '| part | share | req/s | p50 ms | p95 ms | p99 ms | requests | statuses |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const [kind, part] of Object.entries(run.parts)) {
      const l = part.latencyMs ?? {};
      lines.push(
        `| ${kind} \`${part.path}\` | ${Math.round(part.share * 100)}% | ${fmt(part.rps, 0)} ` +
          `| ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} | ${part.requests} ` +
          `| ${describeCounts(part.statuses)} |`,
      );
    }
  }
  if (results.target) {
    const t = results.target;
    lines.push(
      '',
      `Target (mix): p95 < ${TARGET.p95Ms} ms at ≥ ${TARGET.rps} req/s → ` +
        `**${t.met ? 'met' : 'NOT met'}** (p95 ${fmt(t.p95Ms)} ms at ${fmt(t.rps, 0)} req/s)`,
    );
  }
  const background = results.machine.backgroundCpuPercent;
  lines.push(
    '',
    `CPU in % of one core (the machine has ${machine.cpus}): the server process; this script ` +
      'with autocannon; every PostgreSQL and Redis process (postgres mode; other clients of ' +
      `theirs included); everything else (${background ?? '?'}% before the run). ` +
      `Server: ready in ${results.server.readyMs} ms; stopped by SIGTERM in ` +
      `${results.server.stop?.ms ?? '?'} ms with exit code ${results.server.stop?.exitCode ?? '?'}` +
      `${results.server.stop?.killed ? ' (had to be SIGKILLed)' : ''}; log lines at warn or ` +
      `above: ${results.server.log.lines}` +
      `${results.server.log.lines ? ` (${Object.keys(results.server.log.messages).join('; ')})` : ''}.`,
  );
  const busy = results.scenarios.filter(
    (run) => (run.resources?.otherCpuPercent ?? 0) > NOISY_OTHER_CPU_PERCENT,
  );
  if (busy.length) {
    lines.push(
      `⚠ Other processes used more than ${NOISY_OTHER_CPU_PERCENT}% of a core during ` +
        `${busy.map((run) => `${run.scenario} (${run.resources.otherCpuPercent}%)`).join(', ')}: ` +
        'those figures are lower and noisier than on a quiet machine.',
    );
  }
  const metrics = results.server.metrics;
  if (metrics && !metrics.error) {
    lines.push(
      `Server metrics after the load: ${metrics.requestSeries} request series over routes ` +
        `${metrics.routes.join(', ')}; event-loop lag p99 ${fmt(metrics.eventLoopLagP99Ms, 1)} ms, ` +
        `max ${fmt(metrics.eventLoopLagMaxMs, 1)} ms; heap used ${fmt(metrics.heapUsedMb, 0)} MB.`,
    );
  }
  return lines.join('\n');
}
