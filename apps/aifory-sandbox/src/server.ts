import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AIFORY_OPERATIONS,
  aiforyMerchantSchema,
  aiforyMoneySchema,
  isAiforyOperation,
  verifyAiforySignature,
} from '@cardcoop/contracts';
import type { AiforyMerchant, AiforyMoney } from '@cardcoop/contracts';
import { SandboxError } from './errors.js';
import type { SandboxFaultMode } from './faults.js';
import { parseSandboxFault } from './faults.js';
import type { SandboxLog } from './log.js';
import type { SandboxContext } from './operations/context.js';
import { HANDLERS } from './operations/index.js';
import { sleep } from './sleep.js';

const MAX_BODY = 1024 * 1024;

/** One request the sandbox answered (or held, for `timeout`). */
export interface SandboxRequestRecord {
  operation: string;
  status: number | 'timeout';
  fault?: SandboxFaultMode;
  at: string;
}

interface Answer {
  status: number;
  body: unknown;
}

export interface ServerDeps {
  ctx: SandboxContext;
  apiKey: string;
  apiSecret: string;
  controlApi: boolean;
  log: SandboxLog;
  records: SandboxRequestRecord[];
  /** Responses a `timeout` fault holds until the client gives up or the sandbox closes. */
  held: Set<ServerResponse>;
  closing: AbortSignal;
  purchase(
    cardId: string,
    amount: AiforyMoney | number,
    merchant?: AiforyMerchant | string,
  ): unknown;
  snapshot(): unknown;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function fail(error: unknown): Answer {
  if (error instanceof SandboxError) {
    const issues = error.issues ? { issues: error.issues } : {};
    return {
      status: error.status,
      body: { ok: false, error: { code: error.code, message: error.message, ...issues } },
    };
  }
  return {
    status: 500,
    body: { ok: false, error: { code: 'internal_error', message: 'the sandbox failed' } },
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SandboxError('payload_too_large', 'the body is over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SandboxError('invalid_request', 'the body is not JSON');
  }
}

/** The HTTP face: auth, schema, faults, dispatch. */
export function createRequestHandler(deps: ServerDeps) {
  const { ctx } = deps;
  const expectedKey = digest(deps.apiKey);

  async function authorized(req: IncomingMessage, raw: Buffer): Promise<boolean> {
    const key = req.headers['api-key'];
    if (typeof key !== 'string' || !timingSafeEqual(digest(key), expectedKey)) return false;
    return verifyAiforySignature(raw, deps.apiSecret, req.headers['signature']);
  }

  function control(path: string, method: string | undefined, body: unknown): Answer {
    const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
    if (path === '_sandbox/state') return ok(deps.snapshot());
    if (path === '_sandbox/faults' && method === 'POST') {
      if (input.clear === true) {
        ctx.faults.clear();
      } else {
        try {
          ctx.faults.inject(parseSandboxFault(input));
        } catch (error) {
          throw new SandboxError('invalid_request', (error as Error).message);
        }
      }
      return ok({ faults: ctx.faults.list() });
    }
    if (path === '_sandbox/faults') return ok({ faults: ctx.faults.list() });
    if (path === '_sandbox/purchase' && method === 'POST') {
      const amount =
        typeof input.amount === 'number'
          ? input.amount
          : aiforyMoneySchema.safeParse(input.amount).data;
      const merchant =
        input.merchant === undefined || typeof input.merchant === 'string'
          ? input.merchant
          : aiforyMerchantSchema.safeParse(input.merchant).data;
      if (
        typeof input.card_id !== 'string' ||
        amount === undefined ||
        (merchant === undefined && input.merchant !== undefined)
      ) {
        throw new SandboxError('invalid_request', 'want { card_id, amount, merchant? }');
      }
      return ok(deps.purchase(input.card_id, amount, merchant));
    }
    throw new SandboxError('unknown_operation', `no sandbox control ${path}`);
  }

  async function answer(req: IncomingMessage, path: string) {
    const raw = await readBody(req);
    if (!(await authorized(req, raw))) {
      throw new SandboxError('unauthorized', 'wrong API-Key or Signature');
    }
    if (path.startsWith('_sandbox/') && deps.controlApi) {
      return control(path, req.method, parseJson(raw));
    }
    if (req.method !== 'POST' || !isAiforyOperation(path)) {
      throw new SandboxError('unknown_operation', `no operation ${path}`);
    }
    const parsed = AIFORY_OPERATIONS[path].request.safeParse(parseJson(raw));
    if (!parsed.success) {
      throw new SandboxError(
        'invalid_request',
        'the body does not match the schema',
        parsed.error.issues,
      );
    }
    const fault = ctx.faults.take(['error500', 'timeout', 'slow'], path);
    if (fault?.mode === 'error500') {
      return { ...fail(new Error('injected')), fault: fault.mode };
    }
    let result: Answer;
    try {
      result = { status: 200, body: { ok: true, result: HANDLERS[path](ctx, parsed.data) } };
    } catch (error) {
      result = fail(error);
    }
    if (fault?.mode === 'timeout') return { hold: true as const, fault: fault.mode };
    if (fault?.mode === 'slow') await sleep(fault.delayMs, deps.closing);
    return { ...result, fault: fault?.mode };
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname.replace(/^\/+|\/+$/g, '');
    const at = new Date().toISOString();
    let outcome: (Answer & { fault?: SandboxFaultMode }) | { hold: true; fault: SandboxFaultMode };
    try {
      outcome = await answer(req, path);
    } catch (error) {
      outcome = fail(error);
      if (error instanceof SandboxError && error.code === 'payload_too_large') {
        res.setHeader('Connection', 'close');
      }
    }
    const record: SandboxRequestRecord = {
      operation: path,
      status: 'hold' in outcome ? 'timeout' : outcome.status,
      at,
      ...(outcome.fault ? { fault: outcome.fault } : {}),
    };
    deps.records.push(record);
    deps.log('request', { ...record });
    if ('hold' in outcome) {
      deps.held.add(res);
      res.on('close', () => deps.held.delete(res));
      return;
    }
    send(res, outcome);
  };
}
