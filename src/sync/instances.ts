/**
 * What a vastai instance looks like in a document: its job status, GPU, cost and label, and
 * whether it bills. The status mapping is documented in docs/sync.md.
 */
import { burnRateOf, formatRate } from '../core/burn-rate.js';

/** One element of `vastai show instances --raw`, the fields trackdocs reads (all but id may be null). */
export interface Instance {
  id: number;
  label?: string | null;
  actual_status?: string | null;
  intended_status?: string | null;
  cur_state?: string | null;
  gpu_name?: string | null;
  num_gpus?: number | null;
  dph_total?: number | null;
  start_date?: number | null;
  status_msg?: string | null;
}

/** vastai `actual_status` → the job status written in the Active Remote Jobs table. */
export const vastStatusToJob: Record<string, string> = {
  created: 'starting',
  loading: 'loading',
  running: 'running',
  frozen: 'frozen',
  rebooting: 'rebooting',
  stopped: 'stopped',
  exited: 'exited',
  unknown: 'unknown',
  offline: 'offline',
};

export function jobStatus(instance: Instance): string {
  const s = instance.actual_status;
  if (s === null || s === undefined || s === '') return 'starting'; // null while provisioning
  return vastStatusToJob[s] ?? 'unknown';
}

export { billingJobStatuses, formatRate } from '../core/burn-rate.js';

export function costText(instance: Instance): string | undefined {
  return typeof instance.dph_total === 'number' && Number.isFinite(instance.dph_total) ? formatRate(instance.dph_total) : undefined;
}

/**
 * The burn rate of a set of instances, in $/hr: the sum of each billing instance's dph_total as the
 * table shows it (to the cent), so the line always equals the sum of the Est. Cost cells.
 */
export function burnRate(instances: Instance[]): number {
  return burnRateOf(instances.flatMap((i) => (typeof i.dph_total === 'number' ? [{ status: jobStatus(i), dollarsPerHour: i.dph_total }] : [])));
}
