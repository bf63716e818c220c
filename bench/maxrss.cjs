// Fallback peak-memory probe, used by bench/run.mjs only when GNU time (/usr/bin/time) is missing.
// Preloaded into the measured Node process (`node --require bench/maxrss.cjs <bin> …`); on exit it
// writes that process's own peak resident set size (KiB, from getrusage via process.resourceUsage)
// to the file named by BENCH_MAXRSS_FILE. It requires nothing but node:fs, so it costs next to nothing.
'use strict';
const out = process.env.BENCH_MAXRSS_FILE;
if (out) {
  // Do not leak the variable into processes the measured program may spawn.
  delete process.env.BENCH_MAXRSS_FILE;
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS) + '\n');
    } catch {
      /* nothing to report with */
    }
  });
}
