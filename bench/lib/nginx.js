// A private nginx (the Debian package's binary) in front of bench/scale.js's nodes: its own
// configuration, pid and logs in a temporary directory, a free loopback port, keep-alive to the
// upstreams, X-Forwarded-For appended (the nodes trust it). Never the system's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function configuration(dir, port, upstreams) {
  return `daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream nodes {
    least_conn;
${upstreams.map((url) => `    server ${new URL(url).host} max_fails=0;`).join('\n')}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://nodes;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

/** Starts nginx balancing over `upstreams` (base URLs); resolves once it accepts connections. */
export async function startNginx(upstreams) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cardcoop-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, configuration(dir, port, upstreams));
  const child = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  process.on('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(`${url}/health/live`);
      return {
        url,
        pid: child.pid,
        stop: async () => {
          child.kill('SIGQUIT');
          await new Promise((resolve) =>
            child.exitCode !== null ? resolve() : child.once('exit', resolve),
          );
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      await sleep(100);
    }
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not answer on ${url}: ${stderr}`);
}
