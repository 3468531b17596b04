// @ts-check

/** Forms the site takes are a ticket and a state: a few hundred bytes. */
const LIMIT_BYTES = 8 * 1024;

/** A body that is too large or not a form. */
export class BodyError extends Error {
  /** @param {number} status */
  constructor(status) {
    super(`request body refused (${status})`);
    this.status = status;
  }
}

/**
 * Reads an `application/x-www-form-urlencoded` body (the page's script posts the ticket the card.coop
 * widget handed over as a form, so the answer is a page like the redirect flow's).
 *
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<URLSearchParams>}
 */
export async function readForm(request) {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (type !== 'application/x-www-form-urlencoded') throw new BodyError(415);
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw new BodyError(413);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
