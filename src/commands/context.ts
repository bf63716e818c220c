/** What every command receives: argv after the command name, the working directory, env and streams. */
export interface CommandContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** Today's date as YYYY-MM-DD in local time; TRACKDOCS_TODAY overrides it for reproducible runs. */
export function today(env: Record<string, string | undefined>): string {
  if (env.TRACKDOCS_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.TRACKDOCS_TODAY)) return env.TRACKDOCS_TODAY;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Colour on a TTY unless NO_COLOR is set (`--no-color` sets it); FORCE_COLOR forces it; a --color flag decides. */
export function useColor(ctx: CommandContext, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (ctx.env.FORCE_COLOR && ctx.env.FORCE_COLOR !== '0') return true;
  if (ctx.env.NO_COLOR !== undefined) return false;
  return Boolean(ctx.stdout.isTTY);
}

/** The terminal's width when stdout is one (pretty output then groups and wraps), else undefined. */
export function terminalWidth(ctx: CommandContext): number | undefined {
  if (!ctx.stdout.isTTY) return undefined;
  const fromEnv = Number(ctx.env.COLUMNS);
  return ctx.stdout.columns || (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80);
}
