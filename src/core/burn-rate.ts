/**
 * The burn rate, defined once for lint and sync (docs/sync.md, "The burn rate"): the sum, to the
 * cent, of the hourly cost of every job that bills. A job bills unless it is offline, destroyed,
 * failed or done: running, frozen and rebooting bill GPU and storage; starting (created), loading,
 * stopped and exited bill storage; an unknown status is assumed to bill. Sync applies it to vastai's
 * live instances (dph_total), `cost/burn-rate` to the Active Remote Jobs rows (Est. Cost); after a
 * sync the rows hold the live costs, so the two agree.
 */
export const billingJobStatuses: ReadonlySet<string> = new Set(['running', 'frozen', 'rebooting', 'starting', 'loading', 'stopped', 'exited', 'unknown']);

/** A rate in dollars per hour as the documents write it: `$0.52/hr`. */
export const formatRate = (dollars: number) => `$${(Math.round(dollars * 100) / 100).toFixed(2)}/hr`;

/** The burn rate of jobs given as (job status, $/hr): the billing ones' costs, each to the cent, summed. */
export function burnRateOf(jobs: Iterable<{ status: string; dollarsPerHour: number }>): number {
  let cents = 0;
  for (const job of jobs) if (billingJobStatuses.has(job.status)) cents += Math.round(job.dollarsPerHour * 100);
  return cents / 100;
}
