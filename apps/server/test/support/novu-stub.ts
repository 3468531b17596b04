import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stub received: what Novu would see. */
export interface NovuTriggerRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: {
    name: string;
    to: { subscriberId: string; email?: string; locale?: string };
    payload: Record<string, unknown>;
    transactionId?: string;
    overrides?: Record<string, unknown>;
  };
}

/**
 * A local stand-in for Novu's API speaking its wire format: `POST /v1/events/trigger` with
 * `Authorization: ApiKey <secret>` and a JSON body `{name, to, payload, transactionId}`, answered
 * 201 `{data: {acknowledged, status: 'processed', transactionId}}` — or, once each, the answers
 * queued with `failNext`: an HTTP status (a 500, a 400…), or a trigger status other than
 * `processed` (201 `trigger_not_active`: the workflow is missing). A wrong key gets 401, as from Novu.
 */
export async function startNovuStub(secretKey: string) {
  const requests: NovuTriggerRequest[] = [];
  const failures: (number | string)[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const received: NovuTriggerRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(raw || '{}') as NovuTriggerRequest['body'],
      };
      requests.push(received);
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (received.method !== 'POST' || received.path !== '/v1/events/trigger')
        return answer(404, { statusCode: 404, message: 'Not Found', error: 'Not Found' });
      if (received.authorization !== `ApiKey ${secretKey}`)
        return answer(401, { statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' });
      const failure = failures.shift();
      if (typeof failure === 'number')
        return answer(failure, { statusCode: failure, message: 'stubbed failure', error: 'Stub' });
      answer(201, {
        data: {
          acknowledged: true,
          status: failure ?? 'processed',
          transactionId: received.body.transactionId,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The next triggers get these answers (HTTP or trigger statuses), one each, then 201s again. */
    failNext(...answers: (number | string)[]): void {
      failures.push(...answers);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
