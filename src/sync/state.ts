/** The `.system_state.json` shape (see schemas/system-state.schema.json) and how the docs show it. */

export interface SystemState {
  last_updated: string;
  current_model: { exists: boolean; path: string; size_gb: number; has_adapter?: boolean; training_steps: number; last_training: string | null; warning: string | null };
  versions: { id: string; date: string; description: string; training_steps: number; size_gb: number }[];
  config: { exists: boolean; model_name?: string; base_model?: string; max_length?: number; locked_params: string[]; warning: string | null };
  training_status: { status: string; current_step: number; total_evals: number; last_update: string | null };
  daemon_running: boolean;
  disk_space: { available_gb: number; used_percent: number; warning: string | null };
  warnings: [string, string][];
}

const yesNo = (b: boolean | undefined) => (b === undefined ? '—' : b ? 'yes' : 'no');

/** The Local Training field table: field name → value, in display order. */
export function stateFields(state: SystemState): [string, string][] {
  const m = state.current_model;
  const t = state.training_status;
  return [
    ['Model present', yesNo(m.exists)],
    ['Model size', `${m.size_gb} GB`],
    ['Training steps', String(m.training_steps)],
    ['Last training', m.last_training ?? '—'],
    ['Adapter', yesNo(m.has_adapter)],
    ['Training status', t.current_step ? `${t.status} (step ${t.current_step})` : t.status],
    ['Evaluations', String(t.total_evals)],
    ['Daemon running', yesNo(state.daemon_running)],
    ['Disk free', `${state.disk_space.available_gb} GB (${state.disk_space.used_percent}% used)`],
  ];
}

/** Field names whose mismatch has its own drift id. */
export const fieldDriftIds: Record<string, string> = { 'Training status': 'state/training-status', 'Daemon running': 'state/daemon' };

export const versionHeader = ['Version', 'Date', 'Description', 'Steps', 'Size'];

export function versionCells(v: SystemState['versions'][number]): string[] {
  return [v.id, v.date, v.description, String(v.training_steps), `${v.size_gb} GB`];
}
