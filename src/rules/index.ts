/** The rule registry: every rule, in documentation order. */
import type { Rule } from './define.js';
import statusUnknown from './status-unknown.js';
import progressRange from './progress-range.js';
import progressStatusMismatch from './progress-status-mismatch.js';
import progressCountMismatch from './progress-count-mismatch.js';
import tableDuplicateKey from './table-duplicate-key.js';
import tableCellCount from './table-cell-count.js';
import tableMissingColumn from './table-missing-column.js';
import tableMalformed from './table-malformed.js';
import cellFormat from './cell-format.js';
import templatePlaceholder from './template-placeholder.js';
import dateLastUpdated from './date-last-updated.js';
import dateOrder from './date-order.js';
import focusUnknownStep from './focus-unknown-step.js';
import costBurnRate from './cost-burn-rate.js';
import encodingMojibake from './encoding-mojibake.js';
import encodingUtf16 from './encoding-utf16.js';
import encodingSurrogates from './encoding-surrogates.js';
import gitConflictMarker from './git-conflict-marker.js';
import parentTickedChildOpen from './checklist-parent-ticked-child-open.js';
import childrenDoneParentOpen from './checklist-children-done-parent-open.js';
import missingPath from './checklist-missing-path.js';

export const rules: Rule[] = [
  statusUnknown,
  progressRange,
  progressStatusMismatch,
  progressCountMismatch,
  tableDuplicateKey,
  tableCellCount,
  tableMissingColumn,
  tableMalformed,
  cellFormat,
  templatePlaceholder,
  dateLastUpdated,
  dateOrder,
  focusUnknownStep,
  costBurnRate,
  encodingMojibake,
  encodingUtf16,
  encodingSurrogates,
  gitConflictMarker,
  parentTickedChildOpen,
  childrenDoneParentOpen,
  missingPath,
];
