/**
 * Fitting the scoring and decision weights on the tuning questions, so no weight is chosen by hand to make one
 * question pass. Two logistic models:
 *
 * - the ranker, listwise: for each tuning question, the facts that hold the expected answer against all its other
 *   candidates (softmax over the candidates; see `listwise`);
 * - the decision (ml-logistic-regression): on each question's best fact, whether it holds the expected answer
 *   (unanswerable questions: never).
 *
 * The answer threshold is the lowest probability at which, on the tuning questions, at most `maxWrong` of the
 * answerable ones are answered with a wrong first answer and at least `minDeclined` of the unanswerable are declined.
 */
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { decisionFeatures, DECISION_FEATURES } from './decide.ts';
import { answerHolds, type EvalQuestion } from './evaluation.ts';
import { analyse, type Analysis } from './answer.ts';
import type { SearchIndex } from './index.ts';
import { RANK_FEATURES } from './score.ts';

export interface FittedModel {
  readonly ranker: readonly number[];
  readonly decider: { readonly weights: readonly number[]; readonly bias: number; readonly answer: number };
  /** What the fit saw: questions used, ranking pairs, and the figures on the tuning questions at the thresholds. */
  readonly report: {
    readonly questions: number;
    /** Questions the ranker learnt from (some candidates hold the answer, some do not). */
    readonly ranked: number;
    readonly rankedFirst: number;
    readonly answeredRight: number;
    readonly answeredWrong: number;
    readonly declined: number;
    /** Out-of-fold shares at a range of thresholds: answered right and wrong (of answerable), declined (of unanswerable). */
    readonly curve: ReadonlyArray<{ readonly threshold: number; readonly right: number; readonly wrong: number; readonly declined: number }>;
  };
}

export interface FitOptions {
  /** Highest share of answerable questions answered with a wrong first answer (the target of the blind evaluation). */
  readonly maxWrong: number;
  /** Lowest share of unanswerable questions declined (the same). */
  readonly minDeclined: number;
  /** The ranker's gradient ascent: steps, step size, and the L2 penalty that keeps weights from chasing a few questions. */
  readonly steps: number;
  readonly rate: number;
  readonly l2: number;
  /** Folds of the cross-fitting that gives the decision rankings of unseen questions. */
  readonly folds: number;
}

export const FIT_DEFAULTS: FitOptions = { maxWrong: 0.05, minDeclined: 0.9, steps: 3000, rate: 0.5, l2: 0.01, folds: 5 };

/** A tuning question as analysed once, with which of its candidates hold the expected answer. */
interface Item {
  readonly analysis: Extract<Analysis, { path: 'search' }>;
  readonly positive: readonly boolean[];
  readonly answerable: boolean;
  readonly fold: number;
}

/** Logistic regression by gradient ascent; the step is scaled to the number of rows so it neither stalls nor diverges. */
function logistic(rows: number[][], labels: number[], steps = 1000): number[] {
  const model = new LogisticRegression({ numSteps: steps, learningRate: 4 / rows.length });
  model.train(new Matrix(rows), Matrix.columnVector(labels));
  // One-vs-all over two classes: classifier 0 gives the probability of "not class 0", that is of label 1.
  return model.classifiers[0]!.weights.to1DArray();
}

/**
 * The ranker's weights by listwise softmax regression (a conditional logit): for each question, the probability that
 * the candidates holding the answer come first, softmax over its candidates, maximised by gradient ascent with an L2
 * penalty. This is what "the first fact answers" asks of a ranker; pairwise classification of sampled pairs is not.
 * No kept JavaScript library fits it; it is twenty lines.
 */
function listwise(lists: ReadonlyArray<{ vectors: readonly (readonly number[])[]; positive: readonly boolean[] }>, options: FitOptions): number[] {
  const d = RANK_FEATURES.length;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < options.steps; step++) {
    const gradient = new Array<number>(d).fill(0);
    for (const { vectors, positive } of lists) {
      const scores = vectors.map((x) => x.reduce((sum, v, j) => sum + v * w[j]!, 0));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const all = e.reduce((a, b) => a + b, 0);
      const hit = e.reduce((a, b, i) => a + (positive[i] ? b : 0), 0);
      vectors.forEach((x, i) => {
        const c = (positive[i] ? e[i]! / hit : 0) - e[i]! / all;
        if (c !== 0) for (let j = 0; j < d; j++) gradient[j]! += c * x[j]!;
      });
    }
    for (let j = 0; j < d; j++) w[j]! += options.rate * (gradient[j]! / Math.max(1, lists.length) - options.l2 * w[j]!);
  }
  return w;
}

/** Fits both stages on the questions. Deterministic: the same knowledge and questions give the same model. */
export function fitModel(
  index: SearchIndex,
  questions: readonly EvalQuestion[],
  options: FitOptions = FIT_DEFAULTS,
  progress: (step: string) => void = () => {},
): FittedModel {
  progress(`reading ${questions.length} questions`);
  // Each question is analysed once: candidates and their features do not depend on the weights, only their order.
  const items: Item[] = [];
  questions.forEach((question, i) => {
    const analysis = analyse(index, question.q);
    // Lists and bare names are answered without ranking or deciding: they teach neither stage anything.
    if (analysis.path !== 'search' || analysis.lookup) return;
    const expect = 'expect' in question ? question.expect : undefined;
    const positive = analysis.ranked.map((s) => {
      const title = index.knowledge.byId.get(s.candidate.doc.entityId)?.name ?? '';
      return expect !== undefined && answerHolds(`${title} ${s.candidate.doc.text}`, expect);
    });
    items.push({ analysis, positive, answerable: expect !== undefined, fold: i % options.folds });
  });
  // A question every candidate answers, or none does, says nothing about which features point to the answer.
  const informative = (item: Item) => item.positive.some(Boolean) && !item.positive.every(Boolean);
  const lists = (keep: (item: Item) => boolean) =>
    items.filter((item) => informative(item) && keep(item)).map((item) => ({ vectors: item.analysis.ranked.map((s) => [...s.features]), positive: item.positive }));

  // 1. The ranker, listwise, on every question.
  progress('fitting the ranker');
  const ranker = listwise(lists(() => true), options).map(round);

  // 2. The decision, on each question's best fact as ranked by a ranker that did not learn from that question (k-fold
  //    cross-fitting): in use the decision meets questions the ranker has never seen, and must be fitted on such.
  const foldRankers = Array.from({ length: options.folds }, (_, k) => {
    progress(`fitting the ranker without fold ${k + 1} of ${options.folds}`);
    return listwise(lists((item) => item.fold !== k), options);
  });
  progress('fitting the decision');
  const rows: number[][] = [];
  const right: number[] = [];
  const answerable: boolean[] = [];
  let rankedFirst = 0;
  for (const item of items) {
    const { query, retrieved, words } = item.analysis;
    const w = foldRankers[item.fold]!;
    const order = item.analysis.ranked
      .map((s, i) => ({ scored: { ...s, score: s.features.reduce((sum, x, j) => sum + x * w[j]!, 0) }, positive: item.positive[i]! }))
      .sort((a, b) => b.scored.score - a.scored.score);
    const ok = order[0]?.positive ?? false;
    if (ok) rankedFirst++;
    rows.push([...decisionFeatures(query, retrieved, words, order.map((o) => o.scored)), 1]);
    right.push(ok ? 1 : 0);
    answerable.push(item.answerable);
  }
  const fitted = logistic(rows, right).map(round);
  const weights = fitted.slice(0, DECISION_FEATURES.length);
  const bias = fitted[DECISION_FEATURES.length]!;
  const probability = rows.map((r) => 1 / (1 + Math.exp(-r.reduce((s, x, j) => s + x * fitted[j]!, 0))));

  // 3. The threshold: the lowest that keeps wrong answers and answered unanswerables within bounds.
  const nAnswerable = answerable.filter(Boolean).length || 1;
  const nUnanswerable = answerable.filter((a) => !a).length || 1;
  const at = (threshold: number) => {
    let answeredRight = 0;
    let answeredWrong = 0;
    let declined = 0;
    probability.forEach((p, i) => {
      const answered = p >= threshold;
      if (!answerable[i]) declined += answered ? 0 : 1;
      else if (answered) right[i] ? answeredRight++ : answeredWrong++;
    });
    return { answeredRight, answeredWrong, declined };
  };
  let answer = 0.99;
  for (let t = 0.05; t < 0.99; t += 0.01) {
    const figures = at(t);
    if (figures.answeredWrong / nAnswerable <= options.maxWrong && figures.declined / nUnanswerable >= options.minDeclined) {
      answer = round(t);
      break;
    }
  }
  const figures = at(answer);
  const curve = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((threshold) => {
    const f = at(threshold);
    return { threshold, right: round(f.answeredRight / nAnswerable), wrong: round(f.answeredWrong / nAnswerable), declined: round(f.declined / nUnanswerable) };
  });
  return {
    ranker,
    decider: { weights, bias, answer },
    report: { questions: questions.length, ranked: lists(() => true).length, rankedFirst, ...figures, curve },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The model as the source of `model.ts`. */
export function modelSource(model: FittedModel, from: string): string {
  const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;
  return `/**
 * The fitted weights of the scoring and decision stages. Written by \`cluster-bot fit --write\` from the tuning
 * questions (${from}); do not edit by hand — change the features or the questions and fit again.
 */

/** Weights of \`RANK_FEATURES\` (score.ts), in order: ${RANK_FEATURES.join(', ')}. */
export const RANKER: readonly number[] = ${list(model.ranker)};

/**
 * Weights of \`DECISION_FEATURES\` (decide.ts), in order (${DECISION_FEATURES.join(', ')}); the bias; and the
 * probability threshold: at or above \`answer\` the first fact is given as the answer, below it the closest facts are
 * shown as such.
 */
export const DECIDER = {
  weights: ${list(model.decider.weights)} as readonly number[],
  bias: ${model.decider.bias},
  answer: ${model.decider.answer},
} as const;
`;
}
