/**
 * The entry of dist/merge.cjs: `trackdocs merge` as git runs it, once per conflicted document,
 * without loading the other commands' bundles (bin/docs.cjs takes this path for `merge`).
 */
import * as merge from './merge.js';
import { reportCommandError } from './errors.js';
import type { CommandContext } from './context.js';

export async function run(ctx: CommandContext): Promise<number> {
  try {
    return await merge.run(ctx);
  } catch (e) {
    return reportCommandError('merge', e, ctx.stderr);
  }
}
