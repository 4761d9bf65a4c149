/** Judging a lifetime policy and playing it against a user's rhythm, with no runtime dependencies. */
export { lintPolicy } from './lint-policy';
export { activityPatternSchema, whatIf, whatIfHorizonSeconds } from './what-if';
export type {
  ActivityPattern,
  WhatIfCause,
  WhatIfLimit,
  WhatIfResult,
  WhatIfStep,
} from './what-if';
