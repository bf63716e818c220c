/** The one place a command's thrown error becomes a message and exit code 2 (src/cli.ts, and the merge driver's entry). */
export function reportCommandError(name: string, e: unknown, stderr: { write(s: string): unknown }): number {
  const err = e as Error & { code?: string };
  if (err.code === 'usage' || err.code?.startsWith('ERR_PARSE_ARGS')) {
    stderr.write(`trackdocs ${name}: ${err.message}\nRun \`trackdocs ${name} --help\` for usage.\n`);
    return 2;
  }
  if (err.code === 'config') {
    stderr.write(`trackdocs: config error: ${err.message}\n`);
    return 2;
  }
  stderr.write(`trackdocs: internal error: ${err.stack ?? err.message}\nPlease report this with the command you ran.\n`);
  return 2;
}
