export interface RaceResult {
  saves: number;
  lost: number;
  lostAt: { expected: number; found: number; atEnd?: boolean }[];
  syncs: number;
  exit: { code: number | null; signal: string | null };
  crashed: boolean;
  output: string;
}
export function runRace(options?: { seconds?: number; gap?: [number, number]; settle?: string; interval?: string; flipMs?: number }): Promise<RaceResult>;
