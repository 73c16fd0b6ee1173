/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.21, 1.363, 2.191, 1.052, 3.499, 3.108, 1.119, 1.087, 0.644, -0.644, 0.997, 1.06, 0.501, 0.593, 2.012, 0.261];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability thresholds: at or above `answer` the first fact is given as the answer, at or above `unsure` the
 * closest facts are shown as such, below it nothing.
 */
export const DECIDER = {
  weights: [-1.821, 3.297, 1.38, 1.688, -1.746, 1.827, -1.262, -0.371, -0.22, -2.525, 1.742, -6.07, 4.333, 1.935] as readonly number[],
  bias: -1.161,
  answer: 0.63,
  unsure: 0.1,
} as const;
