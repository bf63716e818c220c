/** Every drift id `trackdocs sync --check` can report, with its severity and meaning (docs/sync.md). */
import type { Severity } from '../core/diagnostic.js';

export const driftIds: { id: string; severity: Severity; description: string }[] = [
  { id: 'drift/unlisted-instance', severity: 'error', description: 'An instance vastai returns (and that bills) is in no document.' },
  { id: 'drift/stale-instance', severity: 'error', description: 'A listed instance that vastai no longer returns: destroyed, or listed by mistake.' },
  { id: 'drift/status-mismatch', severity: 'error', description: "A job's status cell differs from vastai's actual_status." },
  { id: 'drift/cost-mismatch', severity: 'error', description: "A job's cost cell differs from vastai's dph_total." },
  { id: 'drift/cell-mismatch', severity: 'error', description: "A job's GPU differs from vastai, or its label is empty while vastai has one." },
  { id: 'drift/destroy-pending', severity: 'warning', description: 'An instance on the "Instances to destroy after completion" line that vastai still bills: the `vastai destroy instance ID` to run, and its cost per day.' },
  { id: 'drift/burn-rate', severity: 'error', description: 'The hourly burn-rate line is not the sum of dph_total over billing instances.' },
  { id: 'sync/table-not-handled', severity: 'warning', description: 'A jobs table inside a block quote or a list item: sync leaves it alone (and adds no second table).' },
  { id: 'state/training-status', severity: 'error', description: 'Local Training shows another training status than the state tracker.' },
  { id: 'state/daemon', severity: 'error', description: 'Local Training shows the daemon running when it is not, or the reverse.' },
  { id: 'state/field-mismatch', severity: 'error', description: 'Another Local Training field differs from the state tracker, or is missing.' },
  { id: 'state/version-missing', severity: 'error', description: 'A model version listed in the doc that the state tracker no longer has (the row is never deleted).' },
  { id: 'state/version-unlisted', severity: 'error', description: 'A model version the state tracker has that the Model Versions table does not list.' },
  { id: 'state/section-missing', severity: 'error', description: 'The state source is on but the tracker has no Local Training section.' },
  { id: 'state/warning', severity: 'warning', description: 'A warning the state tracker reports (disk, backup, daemon…), passed on.' },
];
