/**
 * The fitted weights of the scoring and decision stages. Written by `cluster-bot fit --write` from the tuning
 * questions (tests/eval/questions.yml, tests/eval/tuning/set-1.yml); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of `RANK_FEATURES` (score.ts), in order: bm25, cover, coverText, coverQuestions, altSim, own, refers, related, typeFit, typeMiss, near, entityCover, kindFit, yearPlaceFit, phrase, lead. */
export const RANKER: readonly number[] = [2.137, 1.476, 2.312, 0.903, 3.146, 3.477, 0.991, 1.11, 0.675, -0.675, 1.097, 0.986, 0.585, 0.483, 2.05, 0.285];

/**
 * Weights of `DECISION_FEATURES` (decide.ts), in order (margin, share, entityShare, coverText, coverQuestions, altSim, unknown, missingText, missingEntity, linked, onLinked, typed, typeFit, near); the bias; and the
 * probability threshold: at or above `answer` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: [-0.682, 3.668, 0.92, 1.749, -1.857, 1.752, -1.686, 0.484, -0.454, -1.938, 1.781, -5.793, 4.863, 1.56] as readonly number[],
  bias: -0.759,
  answer: 0.9,
} as const;
