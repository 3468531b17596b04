// What the HTTP benchmark sends: each endpoint with the one status it must answer, the scenarios
// made of them, and the product's target for the mix.

/** Checked against the mix scenario. */
export const TARGET = { p95Ms: 200, rps: 1000 };

let notFoundSequence = 0;

export const ENDPOINTS = {
  live: { path: '/health/live', expect: 200 },
  ready: { path: '/health/ready', expect: 200 },
  // A fresh unknown path each time, as a scanner would send: also shows whether unknown paths
  // leak into metric labels.
  'not-found': {
    path: '/api/v1/bench-missing/0',
    expect: 404,
    next: () => `/api/v1/bench-missing/${(++notFoundSequence).toString(36)}`,
  },
  index: { path: '/', expect: 200, contentType: 'text/html' },
};

/** 40% ready, 30% api 404, 20% index, 10% live, interleaved; every connection cycles it. */
const MIX = [
  'ready',
  'not-found',
  'index',
  'ready',
  'live',
  'not-found',
  'ready',
  'index',
  'not-found',
  'ready',
];

export const SCENARIOS = {
  live: {
    kinds: ['live'],
    description: 'GET /health/live: routing, hooks, serialisation; no I/O',
  },
  ready: {
    kinds: ['ready'],
    description: 'GET /health/ready: one database ping and one cache ping per request',
  },
  'not-found': {
    kinds: ['not-found'],
    description: 'GET /api/v1/<unknown>: rate limiter (cache), error filter, translated 404 JSON',
  },
  index: {
    kinds: ['index'],
    description: 'GET /: the SPA index.html from memory, with security headers',
  },
  mix: {
    kinds: MIX,
    description: '40% ready, 30% api 404, 20% index, 10% live, interleaved',
  },
};

/** autocannon requests for `kinds`, in order; onKind(kind) is told which one a response is for. */
export function requestsFor(kinds, onKind) {
  return kinds.map((kind) => {
    const endpoint = ENDPOINTS[kind];
    const request = {
      method: 'GET',
      path: endpoint.path,
      // Called by autocannon just before its 'response' event for the same response.
      onResponse: () => onKind(kind),
    };
    if (endpoint.next) request.setupRequest = (req) => ({ ...req, path: endpoint.next() });
    return request;
  });
}

/** One request per endpoint before any load: a wrong setup fails here, clearly. */
export async function preflight(server, kinds) {
  for (const kind of new Set(kinds)) {
    const endpoint = ENDPOINTS[kind];
    const response = await fetch(`${server.url}${endpoint.path}`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = await response.text();
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== endpoint.expect) {
      const hint = kind === 'index' ? ' (is apps/web/dist built? run npm run build)' : '';
      throw new Error(
        `GET ${endpoint.path} answered ${response.status}, expected ${endpoint.expect}` +
          `${hint}: ${body.slice(0, 300)}`,
      );
    }
    if (endpoint.contentType && !type.startsWith(endpoint.contentType)) {
      throw new Error(`GET ${endpoint.path} answered ${type}, expected ${endpoint.contentType}`);
    }
  }
}
