// Where the benchmarks find the build and leave their results, from this file's place in the repo.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_ENTRY = path.join(ROOT, 'apps', 'server', 'dist', 'main.js');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
