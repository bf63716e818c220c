/** What every command receives: argv after the command name, the working directory, env and streams. */
export interface CommandContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** Today's date as YYYY-MM-DD in local time; TRACKDOCS_TODAY overrides it for reproducible runs. */
export function today(env: Record<string, string | undefined>): string {
  if (env.TRACKDOCS_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.TRACKDOCS_TODAY)) return env.TRACKDOCS_TODAY;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Colour on a TTY unless NO_COLOR is set; FORCE_COLOR forces it. */
export function useColor(ctx: CommandContext, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (ctx.env.FORCE_COLOR && ctx.env.FORCE_COLOR !== '0') return true;
  if (ctx.env.NO_COLOR !== undefined) return false;
  return Boolean(ctx.stdout.isTTY);
}
