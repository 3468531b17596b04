import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { APPLICATION_DOCUMENT_MAX_BYTES, APPLICATION_DOCUMENT_TYPES } from '@cardcoop/contracts';
import type { ApplicationDocumentType } from '@cardcoop/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';

/**
 * Raw document uploads (ADR 020): the only request bodies besides JSON. A route takes them only
 * when it says so with `@DocumentUpload()`; anywhere else these types are a 415 like any other
 * non-JSON body (ADR 001).
 */
const ROUTE_FLAG = 'documentUpload';

/** Marks a route whose body is a raw PDF, JPEG or PNG file (at most 10 MB). */
export const DocumentUpload = () => RouteConfig({ [ROUTE_FLAG]: true });

/** A received file: its bytes, its sniffed type (equal to the declared one) and SHA-256. */
export class UploadedDocument {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: ApplicationDocumentType,
    readonly sha256: string,
  ) {}
}

/** The magic bytes each accepted type starts with. */
const MAGIC: Record<ApplicationDocumentType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};
/** Enough bytes to tell every accepted type apart. */
const HEAD_BYTES = 8;

/** The type the bytes say they are, among the accepted ones; undefined for anything else. */
export function sniffDocumentType(head: Buffer): ApplicationDocumentType | undefined {
  return APPLICATION_DOCUMENT_TYPES.find((type) =>
    head.subarray(0, MAGIC[type].length).equals(MAGIC[type]),
  );
}

const refused = () => new AppError('DOCUMENT_TYPE_REFUSED', 415);
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 413);

function declaredType(request: FastifyRequest): ApplicationDocumentType {
  const media = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return media as ApplicationDocumentType;
}

/**
 * Reads the body while counting: a body announced or growing past 10 MB is refused with 413 at
 * once (the rest is never read, the connection is closed), and the first bytes must be the magic
 * of the declared type (a renamed executable stops there). A connection cut mid-way fails the
 * request before any handler runs, so nothing is stored.
 */
function readDocument(
  request: FastifyRequest,
  payload: IncomingMessage,
): Promise<UploadedDocument> {
  const declared = declaredType(request);
  const announced = Number(request.headers['content-length']);
  if (announced > APPLICATION_DOCUMENT_MAX_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let received = 0;
    let checked = false;
    const stop = (error: Error) => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      payload.removeListener('close', onClose);
      reject(error);
    };
    const check = (head: Buffer) => {
      checked = true;
      if (sniffDocumentType(head) !== declared) stop(refused());
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > APPLICATION_DOCUMENT_MAX_BYTES) return stop(tooLarge());
      chunks.push(chunk);
      hash.update(chunk);
      if (!checked && received >= HEAD_BYTES) check(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
    };
    const onEnd = () => {
      const bytes = Buffer.concat(chunks);
      if (sniffDocumentType(bytes) !== declared) return stop(refused());
      payload.removeListener('close', onClose);
      resolve(new UploadedDocument(bytes, declared, hash.digest('hex')));
    };
    const onError = (error: Error) =>
      stop(Object.assign(new AppError('MALFORMED_REQUEST', 400), { cause: error }));
    const onClose = () => stop(new AppError('MALFORMED_REQUEST', 400));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    // A cut connection may close without an error; the body then never ends.
    payload.on('close', onClose);
  });
}

/** Registers the document types' parser; routes opt in with `@DocumentUpload()`. */
export function registerDocumentBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    [...APPLICATION_DOCUMENT_TYPES],
    (request: FastifyRequest, payload: IncomingMessage) => {
      const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
      if (config?.[ROUTE_FLAG] !== true) {
        return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 415));
      }
      // The policy guard runs after parsing: without a token, refuse before reading 10 MB.
      if (!request.headers.authorization?.startsWith('Bearer ')) {
        return Promise.reject(
          new AppError('UNAUTHORIZED', 401, { headers: { 'WWW-Authenticate': 'Bearer' } }),
        );
      }
      return readDocument(request, payload);
    },
  );
}

/**
 * The uploaded file of a `@DocumentUpload()` route. A body of another type (JSON) or none at
 * all is refused: the route takes nothing else.
 */
export const DocumentBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UploadedDocument => {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body;
    if (body instanceof UploadedDocument) return body;
    throw refused();
  },
);
