/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml, tests/eval/tuning/set-2.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.269, 1.516, 2.355, 0.792, 3.118, 3.62, 1.126, 1.265, 0.618, -0.618, 1.008, 1.026, 0.423, 0.588, 2.05, 0.328];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability threshold: at or above `answer` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: [-0.259, 4.552, -0.54, 1.956, -2.001, 1.107, -1.488, -0.375, 0.218, -2.442, 1.768, -4.436, 3.488, 1.113] as readonly number[],
  bias: -1.706,
  answer: 0.6,
} as const;
