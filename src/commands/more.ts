/** The commands off the pre-commit path, bundled apart (dist/more.cjs) so `lint` loads less. */
export * as sync from './sync.js';
export * as check from './check.js';
export * as watch from './watch.js';
export * as init from './init.js';
export * as hook from './hook.js';
export { commands as verbs } from './verbs.js';
export * as mcp from './mcp.js';
export * as completion from './completion.js';
export * as merge from './merge.js';
export * as mergeDriver from './merge-driver.js';
export * as resolve from './resolve.js';
