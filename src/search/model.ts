/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.07, 1.528, 2.487, 0.707, 2.792, 3.568, 1.065, 1.243, 0.759, -0.759, 1.331, 1.108, 0.613, 0.527, 2.352, 0.494];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability threshold: at or above `answer` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: [-0.932, 5.778, -0.253, 0.759, -1.789, 0.601, -2.158, 0.468, -0.765, -2.076, 1.205, -6.14, 4.776, 1.097] as readonly number[],
  bias: -0.819,
  answer: 0.6,
} as const;
