import type { FastifyReply } from 'fastify';
import type { StoredDocument } from './applications.repository.js';
import { attachmentDisposition } from './document-file-name.js';

/** The OpenAPI answer of a document download. */
export const DOCUMENT_CONTENT = {
  description: 'The file as uploaded (PDF, JPEG or PNG), as an attachment',
  content: {
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
    'image/jpeg': { schema: { type: 'string', format: 'binary' } },
    'image/png': { schema: { type: 'string', format: 'binary' } },
  },
};

/**
 * Sends a stored document: always as an attachment with its sniffed type, never sniffed again
 * by the browser, never cached (it holds an organization's papers).
 */
export function sendDocument(reply: FastifyReply, document: StoredDocument): Buffer {
  void reply
    .header('Content-Type', document.contentType)
    .header('Content-Disposition', attachmentDisposition(document.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .header('ETag', `"${document.sha256}"`);
  return document.content;
}
