// Regenerates the test vectors of docs/protocol.md with the SDK's own functions (from its
// TypeScript sources, loaded through Vite as the tests load them).
//
//   node packages/sdk/scripts/protocol-vectors.mjs           prints them as JSON
//   node packages/sdk/scripts/protocol-vectors.mjs --write   replaces the ```json vector:<name>
//                                                            blocks of docs/protocol.md (and
//                                                            formats it with prettier)
//
// Then `npx vitest run --project packages packages/sdk/src/crypto/protocol-vectors.spec.ts`
// checks the document against the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const documentPath = `${root}docs/protocol.md`;

// A module server rather than a one-shot import: the SDK loads some modules lazily.
const vite = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null },
  resolve: { conditions: ['source', 'module', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source'] } },
});
let vectors;
try {
  const module = await vite.ssrLoadModule(`${root}packages/sdk/src/testing/protocol-vectors.ts`);
  vectors = await module.generateProtocolVectors();
} finally {
  await vite.close();
}

if (!process.argv.includes('--write')) {
  console.log(JSON.stringify(vectors, null, 2));
} else {
  let text = readFileSync(documentPath, 'utf8');
  for (const [name, value] of Object.entries(vectors)) {
    const block = new RegExp(`(\`\`\`json vector:${name}\\n)[\\s\\S]*?(\\n\`\`\`)`);
    if (!block.test(text))
      throw new Error(`docs/protocol.md has no \`\`\`json vector:${name} block.`);
    text = text.replace(
      block,
      (_match, open, close) => `${open}${JSON.stringify(value, null, 2)}${close}`,
    );
  }
  const options = { ...(await resolveConfig(documentPath)), filepath: documentPath };
  writeFileSync(documentPath, await format(text, options));
  console.log(`docs/protocol.md: ${Object.keys(vectors).length} vectors written.`);
}
