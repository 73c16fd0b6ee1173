/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.078, 1.528, 2.479, 0.705, 2.796, 3.569, 1.064, 1.234, 0.759, -0.759, 1.334, 1.102, 0.613, 0.526, 2.353, 0.496];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability threshold: at or above `answer` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: [-1.08, 5.813, -0.081, 0.788, -1.879, 0.688, -2.188, 0.595, -0.726, -2.057, 1.143, -6.143, 4.758, 1.14] as readonly number[],
  bias: -0.9,
  answer: 0.6,
} as const;
