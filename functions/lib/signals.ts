// Strings that the functions and the stack must agree on, in a module light enough for the
// CDK app to import (no SDK, no middleware).

/** The header CloudFront adds to every request it sends to the API (infra/constructs/web.ts). */
export const ORIGIN_HEADER = 'x-gongzhi-origin';

/** The log line the stack's alarm counts (infra/district-stack.ts). */
export const CODE_FAILURES_ALARM_MESSAGE = 'household code failures above threshold';
