import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REALTIME_PATH } from '@cardcoop/contracts';
import yaml from 'js-yaml';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.schema.js';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { Chart } from './go-template.js';
import type { Values } from './go-template.js';

// Static checks of deploy/: nothing there can be run on the CI machine (no Docker engine, no
// Helm, no Kubernetes), so the files are parsed and compared with what the server really reads
// and exports. The Helm templates are rendered by go-template.ts (the Go-template subset the
// chart uses; it refuses anything else) and the output parsed as YAML.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const at = (...parts: string[]) => path.join(root, ...parts);
const read = (...parts: string[]) => readFileSync(at(...parts), 'utf8');
const load = (...parts: string[]) => yaml.load(read(...parts)) as Values;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The variables of docs/configuration.md's table, with their "In production" column. */
function documentedVariables(): Map<string, string> {
  const doc = read('docs/configuration.md');
  const table = doc.slice(0, doc.indexOf('## Test-only variables'));
  const rows = new Map<string, string>();
  for (const match of table.matchAll(/^\| `([A-Z][A-Z0-9_]*)`\s*\|(.*)\|([^|]*)\|\s*$/gm))
    rows.set(match[1]!, match[3]!.trim());
  return rows;
}
const documented = documentedVariables();
/** Required in production without a condition ("**required**", not "**required** for …"). */
const productionRequired = [...documented]
  .filter(([, production]) => production === '**required**')
  .map(([name]) => name);

/** `image: repo:tag` must name a tag, and not `latest`. */
function expectPinned(image: string): void {
  const withoutDigest = image.split('@')[0]!;
  const tag = withoutDigest.includes(':')
    ? withoutDigest.slice(withoutDigest.lastIndexOf(':') + 1)
    : '';
  expect(tag, image).toMatch(/^[\w][\w.-]*$/);
  expect(tag, image).not.toMatch(/latest/);
}

/** Metric names a PromQL expression reads. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without']);
  return [...stripped.matchAll(/([A-Za-z_:][\w:]*)\s*(\()?/g)]
    .filter((match) => !match[2] && !keywords.has(match[1]!))
    .map((match) => match[1]!);
}

/** Every metric the server exports: metrics.service.ts's own, prom-client's defaults, `up`. */
function knownMetrics(): Set<string> {
  const source = [
    read('apps/server/src/infra/metrics/metrics.service.ts'),
    read('apps/server/src/modules/aifory/provider/aifory-metrics.ts'),
  ].join('\n');
  const names = new Set(['up']);
  for (const match of source.matchAll(/(?:name: |gauge\(\s*|jobsGauge\(\s*)'([a-z_:]+)'/g))
    names.add(match[1]!);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) names.add(metric.name);
  return names;
}
const exported = knownMetrics();
const metricExists = (name: string) =>
  exported.has(name) || exported.has(name.replace(/_(bucket|count|sum)$/, ''));

describe('deploy/: static checks', () => {
  it('reads the configuration table (the reference for every variable below)', () => {
    expect(documented.size).toBeGreaterThan(30);
    expect(productionRequired).toEqual(
      expect.arrayContaining([
        'PUBLIC_URL',
        'SMTP_URL',
        'OPAQUE_SERVER_SETUP',
        'JWT_PRIVATE_KEYS',
        'MASTER_KEYS',
      ]),
    );
  });

  it('every YAML file parses (the Helm templates are checked after rendering)', () => {
    const files = filesUnder(at('deploy')).filter(
      (file) => /\.ya?ml$/.test(file) && !file.includes(`${path.sep}templates${path.sep}`),
    );
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files)
      expect(() => yaml.loadAll(readFileSync(file, 'utf8')), file).not.toThrow();
  });

  describe('Dockerfile', () => {
    const dockerfile = read('deploy/Dockerfile');
    const images = [...dockerfile.matchAll(/^ARG NODE_IMAGE=(\S+)/gm)].map((m) => m[1]!);

    it('builds in stages on a pinned node:20 bookworm-slim and runs the built server as uid 10001', () => {
      expect(images).toHaveLength(1);
      expect(images[0]).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
      expectPinned(images[0]!);
      expect([...dockerfile.matchAll(/^FROM /gm)].length).toBeGreaterThanOrEqual(3);
      expect(dockerfile).toMatch(/npm ci --omit=dev/);
      expect(dockerfile).toMatch(/^USER 10001:10001$/m);
      expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
      expect(dockerfile).toMatch(/^ENV NODE_ENV=production/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health\/live/m);
      expect(dockerfile).toMatch(/^CMD \["node", "apps\/server\/dist\/main\.js"\]$/m);
      // Where the migrator looks for the SQL (src/db/migrations next to dist/).
      expect(dockerfile).toContain(
        'COPY --from=build /app/apps/server/src/db/migrations apps/server/src/db/migrations',
      );
      expect(read('apps/server/src/db/migrate.ts')).toMatch(/'src',\s*'db',\s*'migrations'/);
      // Every FROM is the pinned image or a stage named earlier in this file.
      const stages: string[] = [];
      for (const match of dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?/gm)) {
        expect(['${NODE_IMAGE}', ...stages]).toContain(match[1]);
        if (match[2]) stages.push(match[2]);
      }
    });

    it('sets only documented variables', () => {
      const names = [...dockerfile.matchAll(/^ENV ((?:\\\n|.)*)/gm)]
        .flatMap((m) => m[1]!.split(/\s|\\\n/))
        .filter((part) => part.includes('='))
        .map((part) => part.split('=')[0]!);
      expect(names).toEqual(['NODE_ENV', 'PORT', 'HOST']);
      for (const name of names) expect(documented.has(name), name).toBe(true);
    });
  });

  describe('docker-compose', () => {
    const compose = load('deploy/docker-compose.yml');
    const services = compose.services as Record<string, Values>;
    const envExample = read('deploy/.env.example');
    const exampleNames = [...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    const composeOnly = ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'GRAFANA_ADMIN_PASSWORD'];

    it('has PostgreSQL, Redis, two app nodes, nginx, Prometheus, Grafana and an OTLP collector, all pinned', () => {
      expect(Object.keys(services).sort()).toEqual(
        [
          'app1',
          'app2',
          'grafana',
          'nginx',
          'otel-collector',
          'postgres',
          'prometheus',
          'redis',
        ].sort(),
      );
      for (const [name, service] of Object.entries(services)) {
        expect(typeof service.image, name).toBe('string');
        expectPinned(service.image as string);
      }
    });

    it('runs the app nodes read-only, as uid 10001, behind one trusted proxy, stopping after the drain', () => {
      for (const name of ['app1', 'app2']) {
        const app = services[name]!;
        const env = app.environment as Record<string, string>;
        expect(app.read_only).toBe(true);
        expect(app.tmpfs).toEqual(['/tmp']);
        expect(app.user).toBe('10001:10001');
        expect(app.cap_drop).toEqual(['ALL']);
        expect(env.NODE_ENV).toBe('production');
        expect(env.TRUST_PROXY).toBe('1');
        expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
        expect(env.REDIS_URL).toMatch(/^redis:\/\/.*@redis:6379$/);
        expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
        expect(app.env_file).toBe('.env');
        const shutdown = Number(/SHUTDOWN_TIMEOUT_MS=(\d+)/.exec(envExample)?.[1]);
        expect(Number.parseInt(app.stop_grace_period as string, 10)).toBeGreaterThan(
          shutdown / 1000,
        );
      }
    });

    it('gives the app only documented variables, every production requirement among them', () => {
      const appEnv = Object.keys(services.app1!.environment as Values);
      const appNames = new Set([
        ...appEnv,
        ...exampleNames.filter((n) => !composeOnly.includes(n)),
      ]);
      for (const name of appNames) expect(documented.has(name), name).toBe(true);
      for (const name of [
        ...productionRequired,
        'NODE_ENV',
        'DATABASE_URL',
        'REDIS_URL',
        'METRICS_TOKEN',
      ])
        expect(appNames.has(name), name).toBe(true);
      // The compose-only ones are really interpolated by compose.
      const composeText = read('deploy/docker-compose.yml');
      for (const name of composeOnly) expect(composeText).toContain(`\${${name}`);
    });

    it('the server accepts the configuration compose gives it, filled as .env.example says', async () => {
      const interpolate = (value: string) =>
        value.replace(/\$\{(\w+)[^}]*\}/g, (_, name: string) => `${name.toLowerCase()}-value`);
      const composeEnv = Object.fromEntries(
        Object.entries(services.app1!.environment as Record<string, string>).map(([k, v]) => [
          k,
          interpolate(v),
        ]),
      );
      const example = Object.fromEntries(
        [...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
      );
      const config = parseConfig({
        ...example,
        ...secretsToEnv(await generateSecrets()),
        METRICS_TOKEN: 'a'.repeat(43),
        ...composeEnv,
      });
      expect(config.production).toBe(true);
      expect(config.trustProxy).toBe(1);
      expect(config.database.url).toBe(
        'postgres://cardcoop:postgres_password-value@postgres:5432/cardcoop',
      );
      expect(config.cache.redisUrl).toBe('redis://:redis_password-value@redis:6379');
      expect(config.metrics.token).toHaveLength(43);
    });

    it('.env.example has a line for everything `npm run secrets` prints', async () => {
      const printed = [
        ...Object.keys(secretsToEnv(await generateSecrets())),
        'WEBHOOK_K1_PRIVATE_KEY',
      ];
      expect(read('apps/server/src/secrets-cli.ts')).toContain('WEBHOOK_K1_PRIVATE_KEY:');
      for (const name of printed) expect(exampleNames, name).toContain(name);
    });

    it('nginx balances both nodes, upgrades WebSockets on the realtime path and sets the forwarded headers', () => {
      const nginx = read('deploy/nginx/nginx.conf');
      expect(nginx).toMatch(/server app1:3000/);
      expect(nginx).toMatch(/server app2:3000/);
      const realtime = nginx.slice(nginx.indexOf(`location ${REALTIME_PATH}`));
      expect(realtime.slice(0, realtime.indexOf('}'))).toMatch(
        /proxy_set_header Upgrade \$http_upgrade;[\s\S]*proxy_set_header Connection \$connection_upgrade;/,
      );
      expect([...nginx.matchAll(/proxy_set_header X-Forwarded-For \$remote_addr;/g)]).toHaveLength(
        2,
      );
      expect([...nginx.matchAll(/proxy_set_header X-Forwarded-Proto \$scheme;/g)]).toHaveLength(2);
      expect(services.nginx!.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
    });

    it('nginx -t accepts the configuration, when nginx is installed (Debian: nginx)', () => {
      // The compose service names resolve only inside compose: local addresses instead.
      const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-nginx-'));
      const config = path.join(dir, 'nginx.conf');
      writeFileSync(
        config,
        read('deploy/nginx/nginx.conf').replace(/app[12]:3000/g, '127.0.0.1:9'),
      );
      // nginx opens /dev/stdout and /dev/stderr by name, which fails on a socket: files instead.
      const output = path.join(dir, 'output');
      const fd = openSync(output, 'w');
      const nginx = spawnSync('nginx', ['-t', '-e', 'stderr', '-p', dir, '-c', config], {
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const said = readFileSync(output, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      if (nginx.error) {
        expect((nginx.error as NodeJS.ErrnoException).code).toBe('ENOENT');
        return;
      }
      expect(said).toContain('syntax is ok');
      expect(nginx.status, said).toBe(0);
    });

    it('Prometheus scrapes both nodes with the bearer token; the collector takes OTLP/HTTP on 4318', () => {
      const prometheus = load('deploy/observability/prometheus.yml');
      const [job] = prometheus.scrape_configs as Values[];
      expect(job!.metrics_path).toBe('/metrics');
      expect(job!.authorization).toEqual({
        type: 'Bearer',
        credentials_file: '/etc/prometheus/metrics-token',
      });
      expect((job!.static_configs as Values[])[0]!.targets).toEqual(['app1:3000', 'app2:3000']);
      expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
      const collector = load('deploy/otel-collector.yaml');
      expect(collector).toMatchObject({
        receivers: { otlp: { protocols: { http: { endpoint: '0.0.0.0:4318' } } } },
      });
      expect((collector.service as Values).pipelines).toMatchObject({
        traces: { receivers: ['otlp'] },
      });
    });
  });

  describe('Helm chart', () => {
    const chart = new Chart(at('deploy/helm/cardcoop'));
    const production = load('deploy/helm/cardcoop/values-production.example.yaml');
    const setups: [string, Values][] = [
      ['defaults (CloudNativePG)', {}],
      ['values-production.example.yaml', production],
      [
        'external PostgreSQL with a replica, ingress, ServiceMonitor, no autoscaling',
        {
          postgresql: { mode: 'external', external: { readUrlKey: 'DATABASE_READ_URL' } },
          ingress: { enabled: true },
          serviceMonitor: { enabled: true },
          autoscaling: { enabled: false },
        },
      ],
    ];
    const byKind = (objects: Map<string, Values[]>) => {
      const kinds = new Map<string, Values>();
      for (const docs of objects.values())
        for (const doc of docs) kinds.set(doc.kind as string, doc);
      return kinds;
    };
    type EnvEntry = { name: string; value?: string; valueFrom?: Values };
    /** The app container's environment in a rendered Deployment. */
    const containerEnv = (deployment: Values) =>
      (((deployment.spec as Values).template as Values).spec as Values).containers as Values[];
    const appEnv = (deployment: Values) => containerEnv(deployment)[0]!.env as EnvEntry[];

    it.each(setups)('renders every template to YAML with the required objects: %s', (_, values) => {
      const kinds = byKind(chart.objects(values));
      for (const kind of [
        'Deployment',
        'Service',
        'ConfigMap',
        'PodDisruptionBudget',
        'NetworkPolicy',
        'ServiceAccount',
        'Job',
      ])
        expect(kinds.has(kind), kind).toBe(true);
    });

    it.each(setups)(
      'the Deployment: probes, security, resources, grace period, writable /tmp: %s',
      (_, values) => {
        const kinds = byKind(chart.objects(values));
        const deployment = kinds.get('Deployment')!;
        const pod = (deployment.spec as Values).template as Values;
        const spec = pod.spec as Values;
        const [container] = spec.containers as Values[];
        expect(container!.livenessProbe).toMatchObject({
          httpGet: { path: '/health/live', port: 'http' },
        });
        expect(container!.readinessProbe).toMatchObject({
          httpGet: { path: '/health/ready', port: 'http' },
        });
        expect(container!.startupProbe).toMatchObject({ httpGet: { path: '/health/live' } });
        expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
        expect(container!.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container!.resources).toMatchObject({
          requests: { cpu: expect.any(String), memory: expect.any(String) },
        });
        expect(container!.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
        expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
        expectPinned(container!.image as string);
        const config = (kinds.get('ConfigMap')!.data ?? {}) as Record<string, string>;
        expect(spec.terminationGracePeriodSeconds as number).toBeGreaterThan(
          Number(config.SHUTDOWN_TIMEOUT_MS) / 1000,
        );
        expect(Number(config.SHUTDOWN_TIMEOUT_MS)).toBeGreaterThan(
          Number(config.SHUTDOWN_DRAIN_MS),
        );
        expect(config.NODE_ENV).toBe('production');
        const checksum = ((pod.metadata as Values).annotations as Values)['checksum/config'];
        expect(checksum).toMatch(/^[0-9a-f]{64}$/);
      },
    );

    it("a changed setting changes the pods' checksum, so they roll", () => {
      const checksum = (values: Values) => {
        const deployment = byKind(chart.objects(values)).get('Deployment')!;
        const pod = (deployment.spec as Values).template as Values;
        return ((pod.metadata as Values).annotations as Values)['checksum/config'];
      };
      expect(checksum({ env: { LOG_LEVEL: 'debug' } })).not.toBe(checksum({}));
      expect(checksum({ publicUrl: 'https://other.example' })).not.toBe(checksum({}));
      expect(checksum({ podAnnotations: { a: 'b' } })).toBe(checksum({}));
    });

    it.each(setups)(
      'the container gets only documented variables, every production requirement, no secret in the ConfigMap: %s',
      (_, values) => {
        const kinds = byKind(chart.objects(values));
        const config = (kinds.get('ConfigMap')!.data ?? {}) as Record<string, string>;
        const env = appEnv(kinds.get('Deployment')!);
        // Names only spliced into another value by Kubernetes ($(NAME)) are not the app's.
        const spliced = new Set(
          env.flatMap((e) => [...(e.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)].map((m) => m[1]!)),
        );
        const names = [
          ...Object.keys(config),
          ...env.map((e) => e.name).filter((n) => !spliced.has(n)),
        ];
        for (const name of names) expect(documented.has(name), name).toBe(true);
        for (const name of [...productionRequired, 'NODE_ENV', 'DATABASE_URL', 'REDIS_URL'])
          expect(names, name).toContain(name);
        const secretNames = /Secret\./;
        const secrets = [...documented.keys()].filter((name) =>
          secretNames.test(
            read('docs/configuration.md')
              .split('\n')
              .find((l) => l.startsWith(`| \`${name}\``)) ?? '',
          ),
        );
        expect(secrets).toEqual(
          expect.arrayContaining(['DATABASE_URL', 'MASTER_KEYS', 'METRICS_TOKEN']),
        );
        for (const name of Object.keys(config)) expect(secrets, name).not.toContain(name);
        for (const entry of env.filter((e) => secrets.includes(e.name)))
          expect(entry.valueFrom ?? /\$\(/.test(entry.value ?? ''), entry.name).toBeTruthy();
      },
    );

    it.each(setups)(
      'the server accepts the ConfigMap with the variables of the Secrets: %s',
      async (_, values) => {
        const kinds = byKind(chart.objects(values));
        const data = (kinds.get('ConfigMap')!.data ?? {}) as Record<string, string>;
        const config = parseConfig({
          ...data,
          ...secretsToEnv(await generateSecrets()),
          SMTP_URL: 'smtps://user:password@smtp.example:465',
          METRICS_TOKEN: 'a'.repeat(43),
          DATABASE_URL: 'postgresql://app:secret@cardcoop-pg-rw:5432/app',
          DATABASE_READ_URL: 'postgresql://app:secret@cardcoop-pg-ro:5432/app',
          REDIS_URL: 'rediss://:secret@redis.example:6380',
        });
        expect(config.production).toBe(true);
        expect(config.trustProxy).toBe(1);
        expect(config.publicUrl).toMatch(/^https:\/\//);
      },
    );

    it('PodDisruptionBudget, HorizontalPodAutoscaler and NetworkPolicy select the app pods', () => {
      const kinds = byKind(chart.objects());
      const selector = ((kinds.get('Deployment')!.spec as Values).selector as Values)
        .matchLabels as Values;
      expect((kinds.get('PodDisruptionBudget')!.spec as Values).selector).toEqual({
        matchLabels: selector,
      });
      expect(kinds.get('PodDisruptionBudget')!.apiVersion).toBe('policy/v1');
      const hpa = kinds.get('HorizontalPodAutoscaler')!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec).toMatchObject({
        scaleTargetRef: {
          kind: 'Deployment',
          name:
            kinds.get('Deployment')!.metadata && (kinds.get('Deployment')!.metadata as Values).name,
        },
      });
      expect((hpa.spec as Values).minReplicas as number).toBeGreaterThanOrEqual(2);
      const policy = kinds.get('NetworkPolicy')!.spec as Values;
      expect(policy.podSelector).toEqual({ matchLabels: selector });
      expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(JSON.stringify(policy.egress)).toContain('"port":5432');
      // Without autoscaling the Deployment sets its replicas; with it, the HPA does.
      expect((kinds.get('Deployment')!.spec as Values).replicas).toBeUndefined();
      const fixed = byKind(chart.objects({ autoscaling: { enabled: false } }));
      expect(fixed.has('HorizontalPodAutoscaler')).toBe(false);
      expect((fixed.get('Deployment')!.spec as Values).replicas).toBe(3);
    });

    it('migrates in a hook Job: pre-upgrade with CloudNativePG (made by the release), pre-install too with an external database', () => {
      const job = (values: Values) => byKind(chart.objects(values)).get('Job')!;
      const annotations = (values: Values) =>
        (job(values).metadata as Values).annotations as Values;
      expect(annotations({})['helm.sh/hook']).toBe('pre-upgrade');
      expect(annotations({ postgresql: { mode: 'external' } })['helm.sh/hook']).toBe(
        'pre-install,pre-upgrade',
      );
      expect(annotations({})['helm.sh/hook-delete-policy']).toBe(
        'before-hook-creation,hook-succeeded',
      );
      const container = (
        (((job({}).spec as Values).template as Values).spec as Values).containers as Values[]
      )[0]!;
      const script = (container.command as string[]).at(-1)!;
      expect(script).toContain("from '/app/apps/server/dist/db/database.js'");
      expect(script).toContain('database.migrate()');
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true });
      expect(byKind(chart.objects({ migrations: { enabled: false } })).has('Job')).toBe(false);
    });

    it('with CloudNativePG: a 3-instance Cluster, the URLs from its app Secret (-rw through uri, -ro for reads)', () => {
      const kinds = byKind(chart.objects());
      const cluster = kinds.get('Cluster')!;
      expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
      expect(cluster.spec).toMatchObject({
        instances: 3,
        bootstrap: { initdb: { database: 'app', owner: 'app' } },
      });
      expectPinned((cluster.spec as Values).imageName as string);
      expect((cluster.spec as Values).backup).toBeUndefined();
      const name = (cluster.metadata as Values).name as string;
      const env = appEnv(kinds.get('Deployment')!);
      expect(env.find((e) => e.name === 'DATABASE_URL')).toEqual({
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: `${name}-app`, key: 'uri' } },
      });
      expect(env.find((e) => e.name === 'DATABASE_READ_URL')!.value).toBe(
        `postgresql://$(CNPG_APP_USER):$(CNPG_APP_PASSWORD)@${name}-ro:5432/app`,
      );
      // The production example fills the backup section; external mode makes no Cluster.
      const backup = (byKind(chart.objects(production)).get('Cluster')!.spec as Values)
        .backup as Values;
      expect(backup).toHaveProperty('barmanObjectStore.destinationPath');
      expect(byKind(chart.objects({ postgresql: { mode: 'external' } })).has('Cluster')).toBe(
        false,
      );
    });

    it('gives the server the sentinels in Redis Sentinel mode, and refuses it without any or an unknown mode', () => {
      const sentinels = ['redis-node-0.redis-headless:26379', 'redis-node-1.redis-headless:26379'];
      const deployment = byKind(
        chart.objects({ redis: { mode: 'sentinel', sentinel: { masterName: 'coop', sentinels } } }),
      ).get('Deployment')!;
      const env = appEnv(deployment);
      expect(env.find((e) => e.name === 'REDIS_SENTINELS')!.value).toBe(sentinels.join(','));
      expect(env.find((e) => e.name === 'REDIS_SENTINEL_MASTER')!.value).toBe('coop');
      expect(env.find((e) => e.name === 'REDIS_URL')).toHaveProperty('valueFrom.secretKeyRef');
      expect(() => chart.render({ redis: { mode: 'sentinel' } })).toThrow(/sentinels is required/);
      expect(() => chart.render({ redis: { mode: 'cluster' } })).toThrow(/external or sentinel/);
      expect(() => chart.render({ postgresql: { mode: 'embedded' } })).toThrow(
        /cloudnativepg or external/,
      );
    });

    it('the ServiceMonitor scrapes with METRICS_TOKEN from the existing Secret; the Ingress keeps WebSockets open', () => {
      const kinds = byKind(
        chart.objects({ serviceMonitor: { enabled: true }, ingress: { enabled: true } }),
      );
      expect(kinds.get('ServiceMonitor')!.spec).toMatchObject({
        endpoints: [
          {
            path: '/metrics',
            authorization: { credentials: { name: 'cardcoop-secrets', key: 'METRICS_TOKEN' } },
          },
        ],
      });
      const ingress = kinds.get('Ingress')!;
      expect((ingress.metadata as Values).annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      });
    });

    it('values.yaml names every key `npm run secrets` prints, and holds no secret value itself', async () => {
      const keys = chart.values.secretKeys as { required: string[]; optional: string[] };
      const printed = [
        ...Object.keys(secretsToEnv(await generateSecrets())),
        'WEBHOOK_K1_PRIVATE_KEY',
      ];
      for (const name of printed)
        expect([...keys.required, ...keys.optional], name).toContain(name);
      for (const name of [...keys.required, ...keys.optional])
        expect(documented.has(name), name).toBe(true);
      const text =
        read('deploy/helm/cardcoop/values.yaml') +
        read('deploy/helm/cardcoop/values-production.example.yaml');
      expect(text).not.toMatch(/password:|PVT_K1_|"d":|postgres(ql)?:\/\/\w+:\w+@/);
    });
  });

  describe('alerts and dashboard', () => {
    const alerts = load('deploy/observability/alerts.yml');
    const rules = (alerts.groups as { rules: { alert: string; expr: string }[] }[]).flatMap(
      (g) => g.rules,
    );

    it('the alert rules pass promtool, when it is installed (Debian: prometheus)', () => {
      const promtool = spawnSync(
        'promtool',
        ['check', 'rules', at('deploy/observability/alerts.yml')],
        { encoding: 'utf8' },
      );
      if (promtool.error) {
        // No promtool: the rules parsed above and their metrics are checked below.
        expect((promtool.error as NodeJS.ErrnoException).code).toBe('ENOENT');
        return;
      }
      expect(promtool.stdout + promtool.stderr).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(promtool.status).toBe(0);
    });

    it('alert on error rate, p95, readiness, pool saturation, job failures and login failures, from real metrics', () => {
      const all = rules.map((rule) => rule.expr).join('\n');
      for (const needed of [
        'status_code=~"5.."',
        'histogram_quantile(0.95',
        'route="/health/ready", status_code="503"',
        'up{job="cardcoop"} == 0',
        'db_pool_connections_max',
        'db_pool_requests_waiting',
        'jobs_runs_total{outcome="failed"}',
        'background_failures_total',
        'auth_login_events_total{event="started"}',
        'auth_login_events_total{event="locked"}',
      ])
        expect(all).toContain(needed);
      for (const rule of rules) {
        expect(rule.alert).toMatch(/^Cardcoop[A-Za-z0-9]+$/);
        for (const name of metricNames(rule.expr))
          expect(metricExists(name), `${rule.alert}: ${name}`).toBe(true);
      }
      // The labels the rules filter on are the ones the server sets.
      const service = read('apps/server/src/infra/metrics/metrics.service.ts');
      expect(service).toContain("labelNames: ['method', 'route', 'status_code']");
      expect(service).toContain("labelNames: ['kind', 'outcome']");
      expect(service).toContain("labelNames: ['event']");
    });

    it('the Grafana dashboard parses, is provisioned, and reads only exported metrics', () => {
      const dashboard = JSON.parse(read('deploy/observability/grafana-dashboard.json')) as {
        uid: string;
        panels: { title: string; targets: { expr: string }[] }[];
      };
      const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr));
      expect(exprs.length).toBeGreaterThanOrEqual(20);
      const used = new Set(exprs.flatMap(metricNames));
      for (const name of used) expect(metricExists(name), name).toBe(true);
      for (const name of [
        'http_request_duration_seconds_bucket',
        'db_pool_requests_waiting',
        'jobs_runs_total',
        'auth_login_events_total',
        'nodejs_eventloop_lag_p99_seconds',
        'nodejs_heap_size_used_bytes',
      ])
        expect(used.has(name), name).toBe(true);
      for (const quantile of ['0.5', '0.95', '0.99'])
        expect(
          exprs.some((e) => e.includes(`histogram_quantile(${quantile}, sum by (le, route)`)),
          quantile,
        ).toBe(true);
      const provider = load('deploy/observability/grafana/provisioning/dashboards/cardcoop.yml');
      const compose = read('deploy/docker-compose.yml');
      const mounted = /\.\/observability\/grafana-dashboard\.json:(\S+?)\/cardcoop\.json:ro/.exec(
        compose,
      )?.[1];
      expect((provider.providers as Values[])[0]!.options).toEqual({ path: mounted });
      const datasource = load(
        'deploy/observability/grafana/provisioning/datasources/prometheus.yml',
      );
      expect((datasource.datasources as Values[])[0]).toMatchObject({
        type: 'prometheus',
        url: 'http://prometheus:9090',
      });
    });

    it('the metric-name reader finds names and skips functions, labels and keywords', () => {
      expect(
        metricNames(
          'sum by (le) (rate(a_total{x="y"}[5m])) / clamp_min(b, 1e-9) > 0.2 and on (i) c',
        ),
      ).toEqual(['a_total', 'b', 'c']);
      expect(metricExists('http_request_duration_seconds_bucket')).toBe(true);
      expect(metricExists('no_such_metric_total')).toBe(false);
    });
  });

  it('docs/deployment.md is linked from the README and says what was not run here', () => {
    expect(existsSync(at('docs/deployment.md'))).toBe(true);
    expect(read('README.md')).toContain('(docs/deployment.md)');
    expect(read('docs/deployment.md')).toMatch(/not been run/i);
  });
});
