/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.147, 1.499, 2.458, 0.692, 2.803, 3.535, 1.111, 1.198, 0.772, -0.772, 1.261, 1.073, 0.494, 0.541, 2.426, 0.493];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability thresholds: at or above `answer` the first fact is given as the answer, at or above `unsure` the
 * closest facts are shown as such, below it nothing.
 */
export const DECIDER = {
  weights: [-1.277, 6.557, 0.14, 0.874, -1.254, 0.627, -1.692, 0.9, -1.162, -1.758, 1.681, -5.949, 4.957, 1.292] as readonly number[],
  bias: -0.38,
  answer: 0.92,
  unsure: 0.1,
} as const;
