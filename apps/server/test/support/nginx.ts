import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REALTIME_PATH } from '@cardcoop/contracts';
import { freePort } from './server-process.js';

// nginx (the Debian package) in front of the app nodes, as a private process with a
// configuration generated here (not deploy/'s). Passive health checks only, as in open-source
// nginx: a node that refuses or drops a connection is out for `fail_timeout`, and the request
// goes to the next one — for idempotent methods; nginx never resends a POST or PATCH that
// reached a node (its default), since it may have been applied there.

export interface PrivateNginx {
  url: string;
  /** The access log: method, URI, status, and the upstream(s) that answered. */
  accessLog(): string[];
  stop(): Promise<void>;
}

function configuration(dir: string, port: number, nodes: number[]): string {
  const proxied = `
      proxy_pass http://cardcoop;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;`;
  return `
worker_processes 1;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstreams '$request_method $uri $status $upstream_addr $upstream_status';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream cardcoop {
${nodes.map((node) => `    server 127.0.0.1:${node} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  # The tests speak for many clients: nginx takes the client address from their header, as it
  # would from a CDN in front of it. Facing clients directly, drop these two lines.
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Forwarded-For;
  server {
    listen 127.0.0.1:${port};
    location / {${proxied}
      proxy_set_header Connection "";
    }
    # Socket.IO over WebSocket only: any node can take a socket, no stickiness needed.
    location ${REALTIME_PATH} {${proxied}
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

/** nginx on a free port with `nodes` (ports on 127.0.0.1) as its upstream. */
export async function startNginx(nodes: number[]): Promise<PrivateNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-nginx-'));
  // Workers run as an unprivileged user when started as root: they must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, configuration(dir, port, nodes));
  const child = spawn(
    '/usr/sbin/nginx',
    ['-p', dir, '-c', conf, '-g', `daemon off; pid ${dir}/nginx.pid;`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (
    (await fetch(`${url}/health/live`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`nginx did not start: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    accessLog: () => readFileSync(path.join(dir, 'access.log'), 'utf8').trim().split('\n'),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
