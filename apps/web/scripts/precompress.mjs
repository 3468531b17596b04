// After the build: a Brotli (quality 11) and a gzip (level 9) copy beside every compressible file
// of 1 KiB or more, kept only when smaller, so the server sends them as they are
// (`@fastify/static` preCompressed) and never compresses on a request. index.html is left out:
// the server sends it itself, rewritten for the asset base URL, with a per-request policy.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist =
  process.env.WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|webmanifest|wasm|txt)$/;
const MIN_BYTES = 1024;

const encoders = {
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gz: (bytes) => gzipSync(bytes, { level: 9 }),
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === '.vite' ? [] : files(full);
    return [full];
  });
}

let written = 0;
let before = 0;
let after = 0;
for (const file of files(dist)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  for (const [extension, encode] of Object.entries(encoders)) {
    const encoded = encode(bytes);
    if (encoded.length >= bytes.length) continue;
    writeFileSync(`${file}.${extension}`, encoded);
    written += 1;
    if (extension === 'br') {
      before += bytes.length;
      after += encoded.length;
    }
  }
}
console.log(
  `Precompressed ${written} files (Brotli: ${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB).`,
);
