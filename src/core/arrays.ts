/**
 * Append `items` to `target` one by one. `target.push(...items)` passes every item as an argument,
 * and V8 throws a RangeError past about a hundred thousand of them: a document with that many
 * findings or blocks is rare, but it must not crash the run.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
