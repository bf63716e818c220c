// Deterministic generators for the benchmark's markdown: status trackers and TODO lists shaped
// like test/fixtures/status-tracker.example.md, status-tracker.template.md and TODO.example.md.
// Everything comes from a seeded PRNG, so the same seed gives byte-identical files on every run.

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[int(0, 35)]).join('');
  return { next, int, pick, chance, hex };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary pools
// ---------------------------------------------------------------------------------------------

const projects = [
  ['seq-jepa-streaming', 'kaikun213'], ['hope-nested-learning', 'lab-nl'], ['crate-tost', 'mlresearch'],
  ['diffusion-distill', 'gen-team'], ['rlhf-small', 'align-lab'], ['vit-pruning', 'edge-ml'],
  ['graph-contrastive', 'gnn-group'], ['speech-ssl', 'audio-lab'], ['tabular-fm', 'data-sci'],
  ['protein-lm', 'bio-ml'], ['longctx-titan', 'lab-nl'], ['moe-routing', 'scale-team'],
];
const milestoneNames = [
  'Baseline', 'Teacherless', 'CRATE', 'ToST', 'Streaming', 'Local', 'Scaling', 'Ablations', 'Eval Harness',
  'Data Pipeline', 'Tokenizer', 'Distillation', 'Release', 'Paper Draft', 'Long Context', 'Continual',
  'Robustness', 'Compression', 'Infra', 'Reproduction',
];
const stepNames = [
  'Repo Setup', 'Baseline Repro', 'Teacherless Rate', 'CRATE Integration', 'ToST Streaming', 'Streaming Continual',
  'Local Learning', 'Data Filtering', 'Tokenizer Training', 'Pilot Run', 'Mid-scale Run', 'Target Run',
  'Zero-shot Eval', 'NIAH Eval', 'Optimizer Sweep', 'LR Schedule Sweep', 'Checkpoint Packaging', 'Ablation Report',
  'Remote Baselines', 'Subspace Diagnostics', 'Symmetric Loss', 'Sharpening', 'Write-up', 'Figures',
];
const datasets = ['CIFAR-10', 'CIFAR-100', 'MNIST', 'ImageNet-100', 'RefinedWeb', 'PG-19', 'TinyStories', 'LibriSpeech', 'OGB-arxiv', 'UniRef50'];
const gpus = ['1x RTX 4090', '2x RTX 3090', '1x A100', '1x RTX 3060', '4x A6000', '1x H100', '8x A100'];
const metricNames = ['linacc', 'r2', 'val_loss', 'ppl', 'acc@1', 'rank_eq_eff', 'subspace_ev', 'bleu', 'auroc', 'wer'];
const verbs = ['Ran', 'Fixed', 'Added', 'Refactored', 'Launched', 'Compared', 'Documented', 'Archived', 'Profiled', 'Tuned', 'Integrated', 'Debugged', 'Reviewed', 'Re-ran'];
const objects = [
  'the smoke test on rotations', 'gate thresholds for remote comparisons', 'EMA teacher vs stop-grad', 'W&B logging hooks',
  'the data loader prefetching', 'mixed-precision training', 'checkpoint sidecars', 'the eval suite', 'cosine LR + warmup',
  'the tokenizer coverage guard', 'FSDP sharding config', 'the probe evaluation', 'augmentation pipeline', 'the config tree',
];
const findings = [
  'Coding rate prevents collapse in both EMA and stop-grad modes', 'Stop-grad needs cosine LR + warmup for stability',
  'λ_rate=0.03 is optimal (0.01 too weak, 0.1 too strong)', 'Sharpening hurts with cosine loss',
  'Longer training closes most of the gap to the paper', 'Muon beats fused AdamW at pilot scale',
  'Batch size 256 is the sweet spot on a single 4090', 'Eval variance is ±0.4% across seeds',
];
const blockers = [
  'Baseline performance far below paper; need longer training and paper-aligned probe evaluation',
  'Vast instance preempted twice; waiting for a reliable host', 'OOM at seq 4096 with full attention',
  'Dataset licence for the supplement corpus still pending', 'Eval harness disagrees with the reference numbers by 2%',
];
const todoAreas = [
  'Data Engineering', 'Infrastructure & Configs', 'Scaling Training', 'Evaluation Harness', 'Ablations & Analysis',
  'Baseline Monitoring', 'Documentation & Release', 'Tooling', 'Paper', 'Reproducibility',
];
const todoVerbs = ['Implement', 'Run', 'Extend', 'Build', 'Add', 'Capture', 'Test', 'Compare', 'Maintain', 'Publish', 'Summarize', 'Finalize', 'Refresh', 'Package', 'Launch'];
const todoObjects = [
  'filtering/dedup scripts (language ID, length bounds)', 'zero-shot harness for PIQA/HellaSwag/ARC', 'CI workflow for lint/type/tests',
  'DeepSpeed + FSDP launcher scripts with resume support', 'NIAH long-context scaffolding', 'continual-learning forgetting plots',
  'teach-scale sweep (0.05/0.10/0.15) on pilot checkpoints', 'CMS depth variations and optimizer variants',
  'attention backbones (full vs. sliding vs. DeltaNet)', 'experiment logs under reports', 'data pipeline instructions + provenance',
  'final metrics vs. baselines in the stage report', 'atomic checkpoint sidecars (SHA256, RNG state)', 'passkey memorization smoke test',
];
const dirs = ['scripts/data', 'scripts/eval', 'configs/hope', 'configs/remote', 'reports/checkpoints', 'docs', 'src/train', 'artifacts/checkpoints', 'logs', 'eval'];
const exts = ['py', 'sh', 'yaml', 'md', 'json', 'pt'];
const fileStems = ['train', 'process_mixture', 'validate_mixture', 'zeroshot', 'niah', 'run_pilot_suite', 'launch_step2', 'pilot_step230000', 'ablations', 'stage2_progress', 'verify', 'mid_fsdp', 'check_tokenizer_coverage'];
// Paths that do exist in this repository, so some ticked tasks name real files.
const realPaths = [
  'package.json', 'build.mjs', 'bin/docs.cjs', 'bin/load-cli.cjs', 'src/cli.ts', 'src/rules/index.ts', 'src/model/parse.ts',
  'schemas/step-row.schema.json', 'schemas/milestone-row.schema.json', 'schemas/job-row.schema.json', 'schemas/statuses.json',
  'docs/rules.md', 'docs/rules/date-order.md', 'docs/rules/encoding-mojibake.md', 'demo/TODO.md', 'tsconfig.json', 'src/core',
  'src/rules', 'schemas', 'docs',
];

const progressStatuses = {
  complete: ['✅ Complete', '✅ Complete', '✅ Done', 'Complete'],
  'in-progress': ['🟡 In Progress', '🟡 In Progress', '🔄 In Progress', '🚧 WIP'],
  'not-started': ['⚪ Not Started', '⚪ Pending', '⚪ Not Started', 'Pending'],
  blocked: ['❌ Blocked', '🔴 Blocked'],
  paused: ['⏸️ Paused', '💤 On hold'],
};
const jobStatuses = [
  ['running', '🟢 Running'], ['running', '🟢 Running'], ['starting', '🟡 Starting'], ['loading', '🟡 Loading'],
  ['exited', '⏹ Exited'], ['destroyed', '⚫ Destroyed'],
];
const billing = new Set(['running', 'starting', 'loading']);

// Mojibake: UTF-8 bytes decoded as Windows-1252, as in test/fixtures/status-tracker.example.md,
// where the bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) are dropped (`❌` →
// `âŒ`). A table of our own: Node 20's TextDecoder('windows-1252') decodes as Latin-1 instead.
const cp1252High = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';
const mojibake = (s) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (b < 0x80 || b > 0x9f ? String.fromCharCode(b) : cp1252High[b - 0x80].replace('\u0000', '')))
    .join('');

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const monthDay = (t) => new Date(t).toLocaleString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function table(header, rows) {
  const line = (r) => `| ${r.join(' | ')} |`.replace(/\|  \|/g, '| |');
  return [line(header), `|${header.map((h) => '-'.repeat(h.length + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function wandb(r, project, user) {
  const id = r.hex(8);
  return `[${id}](https://wandb.ai/${user}/${project}/runs/${id})`;
}

/** A backticked path: usually one that exists in this repository (a tracker's repo has its files). */
function pathLike(r) {
  if (r.chance(0.75)) return r.pick(realPaths);
  return `${r.pick(dirs)}/${r.pick(fileStems)}.${r.pick(exts)}`;
}

function progressFor(r, status) {
  if (status === 'complete') return 100;
  if (status === 'not-started') return 0;
  if (status === 'in-progress') return r.int(1, 19) * 5;
  return r.int(1, 18) * 5;
}

function statusSeq(r, n) {
  // Complete first, then one or two in progress, then not started; the odd blocked/paused row.
  const done = r.int(0, Math.max(0, n - 2));
  const active = Math.min(n - done, r.int(1, 2));
  return Array.from({ length: n }, (_, i) => {
    if (i < done) return 'complete';
    if (i < done + active) return r.chance(0.08) ? 'blocked' : r.chance(0.05) ? 'paused' : 'in-progress';
    return 'not-started';
  });
}

function workBullet(r, project, user, depth = 0) {
  const lines = [];
  const ind = '  '.repeat(depth);
  const kind = r.int(0, 5);
  if (kind === 0) {
    lines.push(`${ind}- **${r.pick(['Exp', 'Run', 'Sweep'])} ${String.fromCharCode(65 + r.int(0, 7))} (${r.pick(objects)})**: ${r.pick(metricNames)} ${r.int(10, 95)}.${r.int(0, 9)}%, ${r.pick(metricNames)} 0.${r.int(100, 999)} ${r.pick(['✓', '✅', '❌', ''])}`.trimEnd());
    if (depth < 2) lines.push(`${ind}  - W&B: ${wandb(r, project, user)}`);
  } else if (kind === 1) {
    lines.push(`${ind}- ${r.pick(verbs)} ${r.pick(objects)} on ${r.pick(datasets)}`);
  } else if (kind === 2) {
    lines.push(`${ind}- **Created experiment logs**: \`${r.pick(['step', 'exp', 'run'])}-${r.int(1, 9)}-${r.pick(fileStems)}.md\`, \`${pathLike(r)}\``);
  } else if (kind === 3) {
    lines.push(`${ind}- **Key findings**:`);
    const n = r.int(2, 4);
    for (let i = 1; i <= n; i++) lines.push(`${ind}  ${i}. ${r.pick(findings)}`);
  } else if (kind === 4) {
    lines.push(`${ind}- **Remote launch prepared**: `);
    for (let i = r.int(1, 3); i > 0; i--) lines.push(`${ind}  - \`configs/remote/step${r.int(1, 9)}_${r.pick(fileStems)}.yaml\` (${r.int(10, 200)} epochs)`);
  } else {
    lines.push(`${ind}- ${r.pick(verbs)} ${r.pick(objects)}; ${r.pick(findings).toLowerCase()}`);
    if (depth < 2 && r.chance(0.4)) lines.push(...workBullet(r, project, user, depth + 1));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Status tracker
// ---------------------------------------------------------------------------------------------

/**
 * One status tracker. `opts` overrides the random shape: milestones, steps, jobs (row counts),
 * entries (Recent Work entries) or targetBytes (fill Recent Work until the file is about that big).
 */
export function statusTracker(seed, opts = {}) {
  const r = prng(seed);
  const [project, user] = r.pick(projects);
  const nMilestones = opts.milestones ?? r.int(3, 12);
  const nSteps = opts.steps ?? r.int(4, 20);
  const nJobs = opts.jobs ?? (r.chance(0.4) ? r.int(1, 5) : 0);
  const broken = opts.clean ? false : r.chance(0.06); // the odd file with mojibake, like the real one
  const sloppy = opts.clean ? false : r.chance(0.1); // the odd stale date / mismatched progress

  // Recent Work dates: newest first, starting a little before "today" (TRACKDOCS_TODAY in the bench).
  let t = Date.UTC(2026, 0, 5) - r.int(0, 60) * DAY;
  const newest = t;

  const steps = statusSeq(r, nSteps);
  const milestones = statusSeq(r, nMilestones);
  const activeIdx = Math.max(0, steps.indexOf('in-progress'));
  const stepName = (i) => `Step ${i} - ${stepNames[i % stepNames.length]}${i >= stepNames.length ? ` ${Math.floor(i / stepNames.length) + 1}` : ''}`;
  const msName = (i) => `M${i + 1} (${milestoneNames[i % milestoneNames.length]}${i >= milestoneNames.length ? ` ${Math.floor(i / milestoneNames.length) + 1}` : ''})`;

  const out = [];
  out.push(r.chance(0.7) ? '# Status Tracker' : `# Status Tracker — ${project}`, '');
  out.push(`Last updated: ${iso(sloppy && r.chance(0.5) ? newest - 3 * DAY : newest)}`, '');
  out.push('## Current Focus', '');
  out.push(`**Active Step**: ${stepName(activeIdx)}  `);
  out.push(`**Next Step**: ${r.pick(['Validate remote results', 'Compare EMA vs Teacherless', 'Write up ablations', 'Scale to mid config'])}, then ${stepName(Math.min(nSteps - 1, activeIdx + 1)).toLowerCase()}`, '');

  if (nJobs > 0) {
    out.push('## Active Remote Jobs', '', '_Track all running Vast.ai instances to prevent forgotten charges._', '');
    let burn = 0;
    const rows = [];
    for (let i = 0; i < nJobs; i++) {
      const [st, label] = r.pick(jobStatuses);
      const cost = r.int(15, 180) / 100;
      if (billing.has(st)) burn += cost;
      rows.push([String(28000000 + r.int(0, 999999)), `step${r.int(1, 9)}-${r.pick(fileStems).replace(/_/g, '-')}-${i}`, r.pick(gpus), label, st === 'running' ? wandb(r, project, user) : '—', `$${cost.toFixed(2)}/hr`, r.pick(['30 epochs, EMA+Rate', 'paper-aligned baseline', 'waiting for the image', 'eval only', ''])]);
    }
    out.push(table(['Instance ID', 'Label', 'GPU', 'Status', 'W&B Run', 'Est. Cost', 'Notes'], rows), '');
    out.push('**Cost tracking**:', `- Current hourly burn rate: $${(sloppy ? burn + 0.1 : burn).toFixed(2)}/hr`, `- Instances to destroy after completion: ${rows.slice(0, 2).map((x) => x[0]).join(', ')}`, '');
  }

  out.push('## Milestone Status', '');
  if (r.chance(0.3)) out.push('_High-level progress on major milestones._', '');
  const msNotesHeader = r.pick(['Notes', 'Key Results']);
  out.push(
    table(
      ['Milestone', 'Status', 'Progress', msNotesHeader],
      milestones.map((st, i) => {
        let p = progressFor(r, st);
        if (sloppy && i === 0 && st === 'complete') p = 95;
        const note = st === 'not-started' ? '' : r.chance(0.5) ? `${r.pick(metricNames)}: ${r.int(10, 95)}%, ${r.pick(metricNames)}: 0.${r.int(10, 99)}` : `${r.pick(objects)} ${r.pick(['pending', 'integrated', 'in progress', 'done'])}`;
        return [msName(i), r.pick(progressStatuses[st]), `${p}%`, note];
      }),
    ),
    '',
  );
  if (r.chance(0.3)) out.push('### Status Legend', '- ✅ Complete', '- 🟡 In Progress', '- ⚪ Not Started', '- ❌ Blocked', '- ⏸️ Paused', '');

  out.push('## Step Status', '');
  const withMetrics = r.chance(0.5);
  out.push(
    table(
      withMetrics ? ['Step', 'Status', 'Key Metrics', 'Blocking Issues'] : ['Step', 'Status', 'Blocking Issues'],
      steps.map((st, i) => {
        const status = r.pick(progressStatuses[st]);
        const block = st === 'complete' ? '—' : st === 'not-started' ? '' : r.pick(['eval pending', 'CRATE pending', 'waiting on compute', 'Exp A-D ✓, subspace ✓', 'needs paper-aligned probe']);
        const metric = st === 'complete' || st === 'in-progress' ? `${wandb(r, project, user)}: ${r.int(10, 95)}% ${r.pick(metricNames)}` : '';
        return withMetrics ? [stepName(i), status, metric, block] : [stepName(i), status, block];
      }),
    ),
    '',
  );

  const tail = [];
  tail.push('## Active Blockers', '');
  if (r.chance(0.3)) tail.push('_None currently_', '');
  else for (let i = r.int(1, 3); i > 0; i--) tail.push(`- ${r.pick(blockers)}`);
  tail.push('');
  if (r.chance(0.5)) {
    tail.push('## Upcoming Priorities', '');
    for (let i = 1; i <= 3; i++) tail.push(`${i}. **${r.pick(stepNames)}**: ${r.pick(objects)}`);
    tail.push('');
  }
  tail.push('## Notes for Agents', '', 'When updating this file:');
  tail.push('1. Update the "Last updated" date', '2. Adjust milestone/step status as work progresses', '3. Add entries to "Recent Work" with date headers', '4. Document any blockers in "Active Blockers"');
  if (r.chance(0.3)) tail.push('', '### Quick Commands', '', '```bash', '# Check running Vast instances', 'vastai show instances --raw --api-key "$VAST_API_KEY"', '```');
  tail.push('');

  out.push('## Recent Work', '');
  if (r.chance(0.4)) out.push('_Changelog-style entries with dates. Most recent first._', '');
  const head = out.join('\n') + '\n';
  const tailText = tail.join('\n');
  let size = Buffer.byteLength(head) + Buffer.byteLength(tailText);
  const entries = [];
  const nEntries = opts.entries ?? r.int(2, 25);
  for (let e = 0; opts.targetBytes ? size < opts.targetBytes : e < nEntries; e++) {
    const lines = [`### ${iso(t)}`];
    for (let b = r.int(1, 8); b > 0; b--) lines.push(...workBullet(r, project, user));
    lines.push('');
    const text = lines.join('\n') + '\n';
    entries.push(text);
    size += Buffer.byteLength(text);
    t -= r.int(1, 3) * DAY;
  }
  let doc = head + entries.join('') + tailText;
  if (broken) {
    // Garble a few emoji/symbol lines the way a Windows-1252 round trip does.
    doc = doc.split('\n').map((line) => (/[✅🟡⚪🟢✓❌λ]/u.test(line) && r.chance(0.5) ? mojibake(line) : line)).join('\n');
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// TODO list
// ---------------------------------------------------------------------------------------------

function todoTask(r, checked) {
  let text = `${r.pick(todoVerbs)} ${r.pick(todoObjects)}`;
  if (r.chance(0.45)) text += ` via \`${pathLike(r)}\``;
  if (r.chance(0.15)) text += ` and \`${pathLike(r)}\``;
  if (r.chance(0.15)) text += ` *(Step ${r.int(1, 300)} k packaged ${r.int(1, 28)} Nov; resume after baseline catches up.)*`;
  else text += '.';
  return `- [${checked ? 'x' : ' '}] ${text}`;
}

/** One TODO list: staged sections of bold parent tasks with nested children, and flat sprint lists. */
export function todoList(seed) {
  const r = prng(seed);
  const sloppy = r.chance(0.1);
  const out = [r.pick(['# Project TODOs', '# TODO', '# TODOs', '# Research TODOs']), ''];
  const nSections = r.int(2, 7);
  let stage = r.int(1, 3);
  for (let s = 0; s < nSections; s++) {
    const grouped = r.chance(0.55);
    const t = Date.UTC(2025, 10, 1) + r.int(0, 60) * DAY;
    const title = grouped
      ? `Stage ${stage++} – ${r.pick(['Results Reproduction', 'Execution Sprint', 'Scaling', 'Evaluation', 'Release'])}`
      : r.pick([`Immediate Sprint Focus (${monthDay(t)})`, `Planner Follow-up (P${r.int(1, 3)})`, `Stage ${stage++} – Execution Sprint (${monthDay(t)})`, 'Backlog']);
    out.push(`## ${title}`);
    if (grouped) {
      for (let g = r.int(2, 6); g > 0; g--) {
        const kids = Array.from({ length: r.int(1, 6) }, () => r.chance(0.6));
        let parentDone = kids.every(Boolean);
        if (sloppy && r.chance(0.3)) parentDone = !parentDone;
        out.push(`- [${parentDone ? 'x' : ' '}] **${r.pick(todoAreas)}**`);
        for (const k of kids) {
          out.push('  ' + todoTask(r, k));
          if (r.chance(0.1)) out.push(`    - Status (${monthDay(t)}): ${r.pick(findings)}; latest checkpoint \`artifacts/checkpoints/pilot/step_${String(r.int(1, 500) * 1000).padStart(6, '0')}.pt\`.`);
        }
      }
    } else {
      for (let k = r.int(2, 8); k > 0; k--) {
        out.push(todoTask(r, r.chance(0.6)));
        if (r.chance(0.15)) out.push(`  - Ready: ${r.pick(todoObjects)} at \`${pathLike(r)}\` (will be updated to final step).`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// `docs sync` inputs: a tracker with a big Active Remote Jobs table, and a vastai snapshot
// ---------------------------------------------------------------------------------------------

const jobNotes = ['30 epochs, EMA+Rate', 'paper-aligned baseline', 'lr sweep; results in `logs/sweep.json`', 'eval only', 'resume from step 40k', 'teacherless, cosine LR', '—'];
const vastGpus = [[1, 'RTX 4090'], [2, 'RTX 3090'], [1, 'A100 SXM4'], [1, 'RTX 3060'], [4, 'RTX A6000'], [1, 'H100 SXM'], [8, 'A100 PCIE']];

/**
 * A status tracker whose Active Remote Jobs table has `jobs` rows (unique instance ids, all
 * `🟢 Running`), with a small fixed rest (Current Focus, a Step Status table, a few Recent Work
 * entries). Returns the text and the rows, so a vastai snapshot can be built against them.
 */
export function syncTracker(seed, { jobs }) {
  const r = prng(seed);
  const rows = [];
  let burnCents = 0;
  for (let i = 0; i < jobs; i++) {
    const [numGpus, gpuName] = r.pick(vastGpus);
    const cents = r.int(15, 180);
    burnCents += cents;
    rows.push({
      id: 28_000_000 + i * 10 + r.int(0, 9),
      label: `step${r.int(1, 9)}-${r.pick(fileStems).replace(/_/g, '-')}-${i}`,
      numGpus,
      gpuName,
      cents,
      wandb: r.chance(0.7) ? wandb(r, 'seq-jepa-streaming', 'kaikun213') : '—',
      notes: r.pick(jobNotes),
    });
  }
  const out = ['# Status Tracker', '', 'Last updated: 2026-01-05', '', '## Current Focus', ''];
  out.push('**Active Step**: Step 2 - Teacherless Rate  ', '**Next Step**: Step 3 - CRATE Integration', '');
  out.push('## Active Remote Jobs', '', '_Track all running Vast.ai instances to prevent forgotten charges._', '');
  out.push(table(['Instance ID', 'Label', 'GPU', 'Status', 'W&B Run', 'Est. Cost', 'Notes'], rows.map((x) => [String(x.id), x.label, `${x.numGpus}x ${x.gpuName}`, '🟢 Running', x.wandb, `$${(x.cents / 100).toFixed(2)}/hr`, x.notes])), '');
  out.push('**Cost tracking**:', `- Current hourly burn rate: $${(burnCents / 100).toFixed(2)}/hr`, `- Instances to destroy after completion: ${rows.slice(0, 2).map((x) => x.id).join(', ')}`, '');
  out.push('## Step Status', '');
  out.push(table(['Step', 'Status', 'Blocking Issues'], [['Step 1 - Repo Setup', '✅ Complete', '—'], ['Step 2 - Teacherless Rate', '🟡 In Progress', 'eval pending'], ['Step 3 - CRATE Integration', '⚪ Not Started', '']]), '');
  out.push('## Recent Work', '');
  let t = Date.UTC(2026, 0, 5);
  for (let e = 0; e < 5; e++) {
    out.push(`### ${iso(t)}`);
    for (let b = r.int(1, 4); b > 0; b--) out.push(`- ${r.pick(verbs)} ${r.pick(objects)} on ${r.pick(datasets)}`);
    out.push('');
    t -= r.int(1, 3) * DAY;
  }
  out.push('## Notes for Agents', '', 'Keep this file current.', '');
  return { text: out.join('\n'), rows };
}

/** Fisher–Yates with the seeded PRNG. */
function shuffle(r, xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * A recorded `vastai show instances --raw`: `instances` entries, `listedShare` of them rows of
 * the tracker (of those, a quarter with a new status and a quarter with a new price), the rest new
 * instances. Rows left out of the snapshot are what sync archives. Noise fields (tokens, hosts,
 * duration…) are there as in the real output. Returns the array and what sync should report.
 */
export function vastaiSnapshot(seed, rows, { instances, listedShare = 0.6 }) {
  const r = prng(seed);
  const nListed = Math.min(rows.length, Math.round(instances * listedShare));
  const listed = shuffle(r, rows.map((_, i) => i)).slice(0, nListed).map((i) => rows[i]);
  const noise = (id) => ({
    cur_state: 'running',
    intended_status: 'running',
    duration: +(r.next() * 864000).toFixed(3),
    start_date: 1767600000 + r.int(0, 864000) + +r.next().toFixed(3),
    jupyter_token: r.hex(32),
    ssh_host: `ssh${r.int(1, 9)}.vast.ai`,
    ssh_port: r.int(10000, 60000),
    public_ipaddr: `203.0.113.${r.int(1, 254)}`,
    image_uuid: r.pick(['pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime', 'vastai/base-image:cuda-12.1']),
    disk_space: r.int(20, 200),
    extra_env: [['WANDB_PROJECT', 'seq-jepa-streaming']],
    onstart: `cd /workspace && python train.py --run ${id}`,
    status_msg: r.pick(['success, running pytorch/pytorch', null, 'Pulling image']),
    machine_id: r.int(1000, 99999),
  });
  let updated = 0;
  const out = listed.map((row, k) => {
    const change = k % 4; // 0, 1: unchanged; 2: new status; 3: new price
    let status = 'running';
    let cents = row.cents;
    if (change === 2) status = r.pick(['exited', 'loading', 'stopped']);
    if (change === 3) cents += r.int(1, 30);
    if (change >= 2) updated++;
    return { id: row.id, label: row.label, actual_status: status, gpu_name: row.gpuName, num_gpus: row.numGpus, dph_total: +((cents + r.next() * 0.4) / 100).toFixed(6), ...noise(row.id) };
  });
  const nNew = instances - nListed;
  for (let k = 0; k < nNew; k++) {
    const id = 40_000_000 + k * 10 + r.int(0, 9);
    const [numGpus, gpuName] = r.pick(vastGpus);
    out.push({ id, label: r.chance(0.8) ? `new-${r.pick(fileStems).replace(/_/g, '-')}-${k}` : null, actual_status: r.pick(['running', 'running', 'running', 'loading', null]), gpu_name: gpuName, num_gpus: numGpus, dph_total: +((r.int(15, 180) + r.next() * 0.4) / 100).toFixed(6), ...noise(id) });
  }
  return { instances: shuffle(r, out), expected: { added: nNew, updated, archived: rows.length - nListed, active: instances, listed: nListed } };
}

/**
 * The rows of a tracker's Active Remote Jobs table, in the shape syncTracker returns (GPU cells
 * like `2x RTX 3090`, costs like `$0.42/hr`), so vastaiSnapshot can work on any generated tracker.
 */
export function jobRowsOf(text) {
  const section = text.split(/^## Active Remote Jobs$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = [];
  for (const line of section.split('\n')) {
    const m = /^\| (\d+) \| ([^|]*) \| (\d+)x ([^|]+?) \| [^|]* \| [^|]* \| \$(\d+)\.(\d\d)\/hr \|/.exec(line);
    if (m) rows.push({ id: Number(m[1]), label: m[2].trim(), numGpus: Number(m[3]), gpuName: m[4], cents: Number(m[5]) * 100 + Number(m[6]) });
  }
  return rows;
}
