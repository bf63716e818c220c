/**
 * How a jobs table already writes its cells, so sync writes in the person's terms: the statuses'
 * emoji, words and case, whether GPUs carry a count (`1x RTX 3060` or `RTX 3060`), and the cost's
 * decimals and unit (`$0.350/hr`, `$0.35 / h`). And what counts as the same value: `RTX 3060` is
 * `1x RTX 3060`; `$0.35/hr` is `$0.350/hr`.
 */
import { statusStyle, type StatusStyle, type Vocabulary } from '../core/status.js';
import type { TypedTable } from '../model/parse.js';
import type { Instance } from './instances.js';

export interface JobConventions {
  status: StatusStyle;
  /** `prefix`: `2x A100`; `suffix`: `A100 x2`; `none`: `A100` when there is one GPU. */
  gpuCount: 'prefix' | 'suffix' | 'none';
  /** The count's mark and spacing as written: `x `, `× `, `x`. */
  gpuMark: string;
  costDecimals: number;
  /** What follows the amount: `/hr`, ` / h`, `/hour`. */
  costUnit: string;
}

export const defaultConventions = (vocabulary: Vocabulary): JobConventions => ({
  status: statusStyle([], vocabulary),
  gpuCount: 'prefix',
  gpuMark: 'x ',
  costDecimals: 2,
  costUnit: '/hr',
});

const countPrefix = /^(\d+)(\s*[x×]\s*)(.+)$/i;
const countSuffix = /^(.+?)\s+(?:[x×]\s*(\d+)|\(\s*[x×]?\s*(\d+)\s*[x×]?\s*\))$/i;

/** A GPU cell as a count and a name. */
export function readGpu(text: string): { count: number; name: string; style: 'prefix' | 'suffix' | 'none'; mark?: string } {
  const t = text.trim();
  const p = countPrefix.exec(t);
  if (p) return { count: Number(p[1]), name: p[3]!, style: 'prefix', mark: p[2]!.replace(/^\s+/, '') };
  const s = countSuffix.exec(t);
  if (s) return { count: Number(s[2] ?? s[3]), name: s[1]!, style: 'suffix' };
  return { count: 1, name: t, style: 'none' };
}

const foldGpu = (name: string) => name.toLowerCase().replace(/\b(?:nvidia|geforce|tesla)\b/g, '').replace(/[^a-z0-9]+/g, '');

/** Whether a GPU cell says what vastai reports: the same count and the same card, however written. */
export function sameGpu(cell: string, instance: Instance): boolean {
  if (!instance.gpu_name) return true;
  const gpu = readGpu(cell);
  if (gpu.count !== (instance.num_gpus ?? 1)) return false;
  const a = foldGpu(gpu.name);
  const b = foldGpu(instance.gpu_name);
  if (a === b) return true;
  // `A100 80GB` or `A100 SXM4` for vastai's `A100 SXM4 80GB`: the same card, described more or less.
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && /^(?:\d+gb|sxm\d?|pcie|nvl|hbm\d?e?)+$/.test(long.slice(short.length));
}

export function jobConventions(table: TypedTable, vocabulary: Vocabulary): JobConventions {
  const conv = defaultConventions(vocabulary);
  const column = (name: string) => table.columnOf.indexOf(name);
  const cells = (name: string) => (column(name) < 0 ? [] : table.raw.rows.map((r) => r.cells[column(name)]?.source ?? '').filter((s) => s.trim() && !/^[—–-]$/.test(s.trim())));
  conv.status = statusStyle(cells('status'), vocabulary);
  const gpus = cells('gpu').map(readGpu);
  if (gpus.length) {
    const counted = gpus.find((g) => g.style !== 'none');
    if (counted) {
      conv.gpuCount = counted.style;
      if (counted.mark) conv.gpuMark = counted.mark;
    } else conv.gpuCount = 'none';
  }
  const cost = cells('cost').map((c) => /\$\s*\d+(?:\.(\d+))?(.*)$/.exec(c.trim())).find(Boolean);
  if (cost) {
    conv.costDecimals = cost[1]?.length ?? 0;
    if (cost[2]!.trim()) conv.costUnit = cost[2]!;
  }
  return conv;
}

export function gpuCell(instance: Instance, conv: JobConventions): string | undefined {
  if (!instance.gpu_name) return undefined;
  const count = instance.num_gpus ?? 1;
  if (conv.gpuCount === 'none' && count === 1) return instance.gpu_name;
  if (conv.gpuCount === 'suffix') return `${instance.gpu_name} x${count}`;
  return `${count}${conv.gpuMark}${instance.gpu_name}`;
}

export function costCell(dollars: number | null | undefined, conv: JobConventions): string | undefined {
  if (typeof dollars !== 'number' || !Number.isFinite(dollars)) return undefined;
  const decimals = Math.max(conv.costDecimals, 2);
  return `$${(Math.round(dollars * 100) / 100).toFixed(decimals)}${conv.costUnit}`;
}
