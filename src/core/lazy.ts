import { createRequire } from 'node:module';
/**
 * Load a library on demand. The bundled CLI is CommonJS run through V8's code cache (see
 * bin/load-cli.cjs), where `import()` is unavailable on Node 20, so it uses `require`; under
 * ESM (tests, or importing trackdocs as a library) it uses `import()`.
 */
declare const require: ((id: string) => unknown) | undefined;

export async function lazyImport<T>(name: string): Promise<T> {
  if (typeof require === 'function') return require(name) as T;
  return (await import(name)) as T;
}

/** Load a library synchronously, for a pure function that needs one only on rare input (YAML front matter). */
export function requireSync<T>(name: string): T {
  if (typeof require === 'function') return require(name) as T;
  return createRequire(import.meta.url)(name) as T;
}
