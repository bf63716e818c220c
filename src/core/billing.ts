/**
 * The billing vocabulary: which job statuses cost money, and how an hourly rate is written. Sync
 * (the burn-rate line it writes) and the cost/burn-rate rule (the sum it checks) share it.
 */

/**
 * Job statuses that bill: running, frozen and rebooting bill GPU and storage; starting (vastai's
 * created), loading, stopped and exited bill storage; unknown is assumed to bill; offline bills
 * nothing. The burn rate is the sum of the costs of the rows with these statuses.
 */
export const billingJobStatuses: ReadonlySet<string> = new Set(['running', 'frozen', 'rebooting', 'starting', 'loading', 'stopped', 'exited', 'unknown']);

/** An hourly rate as the tracker writes it: `$1.23/hr`. */
export const formatRate = (dollars: number) => `$${(Math.round(dollars * 100) / 100).toFixed(2)}/hr`;
