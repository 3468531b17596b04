import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'push-service-tls');
/**
 * The stub's self-signed certificate for 127.0.0.1 (made once with openssl, valid for a
 * century, test-only): the server trusts it through `PUSH_CA_FILE`, as web-push speaks https only.
 */
export const PUSH_SERVICE_CA_FILE = path.join(TLS_DIR, 'cert.pem');

/** What the push service received: the headers and the encrypted body. */
export interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A push service (RFC 8030) on 127.0.0.1 over https: records every message and answers
 * `status` (201 unless a test sets another).
 */
export interface PushServiceStub {
  origin: string;
  requests: PushRequest[];
  status: number;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushServiceStub> {
  const requests: PushRequest[] = [];
  const stub = { requests, status: 201 } as PushServiceStub;
  const server = createServer(
    {
      key: readFileSync(path.join(TLS_DIR, 'key.pem')),
      cert: readFileSync(PUSH_SERVICE_CA_FILE),
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
        response.writeHead(stub.status, { location: `/message/${randomUUID()}` }).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

/** A browser's side of a subscription: its P-256 key pair and 16-byte auth secret. */
export interface BrowserKeys {
  p256dh: string;
  auth: string;
  decrypt(body: Buffer): string;
}

/**
 * Generates a browser's keys, and decrypts what is pushed to them with its own code (RFC 8291
 * with the aes128gcm content coding of RFC 8188), not web-push's.
 */
export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    p256dh: uaPublic.toString('base64url'),
    auth: authSecret.toString('base64url'),
    decrypt(body) {
      // RFC 8188 header: salt (16) | record size (4) | key id length (1) | key id (as_public).
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const asPublic = body.subarray(21, 21 + idLength);
      const record = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
      const expand = (info: string, length: number) =>
        Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info), length));
      const decipher = createDecipheriv(
        'aes-128-gcm',
        expand('Content-Encoding: aes128gcm\0', 16),
        expand('Content-Encoding: nonce\0', 12),
      );
      decipher.setAuthTag(record.subarray(record.length - 16));
      const padded = Buffer.concat([
        decipher.update(record.subarray(0, record.length - 16)),
        decipher.final(),
      ]);
      // The last record: the content, then the delimiter 0x02, then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end -= 1;
      if (padded[end] !== 2) throw new Error('no last-record delimiter');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

/** The VAPID public key (uncompressed point, base64url) as a key `jose` verifies ES256 with. */
export function vapidVerificationKey(publicKey: string) {
  const point = Buffer.from(publicKey, 'base64url');
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}
