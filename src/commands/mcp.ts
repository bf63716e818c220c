/** `trackdocs mcp`: serve the verbs, lint, check and sync to coding agents over MCP on stdio. */
import { parseCommand } from './options.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs mcp [options]

Serve trackdocs to a coding agent (Claude Code, Codex, Cursor) as a Model Context Protocol server
on stdin/stdout. Tools: get, set, add, rm, log, done, apply (the verbs, with JSON Schemas built
from the documents' tables, valid statuses included), lint, check and sync (a dry run unless
write is true). Resources: each document's typed model (trackdocs://model/<file>).
Documents are found from the working directory, as for the other commands.

Options:
  -h, --help   show this help

Setup for each agent: docs/agents.md`;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {});
  if (!parsed) return 0;
  const { serve } = await import('../mcp/server.js');
  await serve(ctx);
  return 0;
}
