/** Where trackdocs' own files (templates/, schemas/) are: next to dist/ in the bundle. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __dirname: string | undefined;

export function packageRoot(): string {
  if (typeof __dirname === 'string') return join(__dirname, '..');
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
