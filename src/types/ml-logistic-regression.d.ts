/** The part of ml-logistic-regression (which ships no types) that `search/fit.ts` uses. */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: Array<{ weights: Matrix }>;
    train(features: Matrix, labels: Matrix): void;
    predict(features: Matrix): number[];
  }
}
