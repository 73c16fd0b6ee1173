/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml, tests/eval/tuning/set-2.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.466, 2.398, 3.051, 1.114, 2.423, 2.021, 0.433, 1.303, 0.585, -0.585, 0.897, 1.667, 0.356, 0.41, 1.315, 0.373];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability threshold: at or above `answer` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: [-1.898, 4.956, 0.766, 1.077, -1.577, 1.041, -1.028, -0.667, 0.007, -1.99, 1.374, -4.482, 2.845, 1.685] as readonly number[],
  bias: -1.356,
  answer: 0.58,
} as const;
