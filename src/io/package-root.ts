/** Where trackdocs' own files (templates/, schemas/) are: the folder above dist/ or src/, found once. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __dirname: string | undefined;

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  // In the bundle this is dist/; from the sources (tests, a library import) it is src/io/.
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'schemas')) && existsSync(join(dir, 'package.json'))) && dirname(dir) !== dir) dir = dirname(dir);
  return (root = dir);
}
