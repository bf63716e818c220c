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
