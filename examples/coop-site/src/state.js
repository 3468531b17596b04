// @ts-check
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The site's own files: its keys, the client secret and the members it registered. A real
 * cooperative keeps the keys and the secret in its secret store and members in its database;
 * JSON files keep the example dependency-free. Everything here is written owner-only (0600):
 * every file holds either a secret or personal data.
 *
 * @param {string} dir
 */
export function createStateStore(dir) {
  return {
    dir,

    /**
     * @template T
     * @param {string} name
     * @returns {Promise<T | undefined>}
     */
    async read(name) {
      let text;
      try {
        text = await readFile(path.join(dir, name), 'utf8');
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
        throw error;
      }
      return JSON.parse(text);
    },

    /**
     * Replaces a file atomically (write aside, then rename), so a crash never leaves half a key.
     *
     * @param {string} name
     * @param {unknown} value
     */
    async write(name, value) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, name);
      const aside = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(aside, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      await rename(aside, file);
    },
  };
}

/** @typedef {ReturnType<typeof createStateStore>} StateStore */
