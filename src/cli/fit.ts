/**
 * `cluster-bot fit [questions.yml …] [--write]`: fits the scoring and decision weights on the tuning questions and
 * prints them with the figures they reach there; `--write` saves them to src/search/model.ts. Fit on the tuning set
 * only: the blind sets judge the result.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DECISION_FEATURES } from '../search/decide.ts';
import { fitModel, modelSource } from '../search/fit.ts';
import { RANK_FEATURES } from '../search/score.ts';
import { engineFor } from './ask.ts';
import type { Io } from './io.ts';
import { BLIND_DIR, OWN_QUESTIONS, readQuestionSets, TUNING_DIR, tuningFiles } from './question-sets.ts';

/** Where the fitted model is kept, relative to the project root. */
const MODEL_FILE = 'src/search/model.ts';

export async function fitCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { write: { type: 'boolean', default: false }, dir: { type: 'string' } },
  });
  const files = positionals.length > 0 ? positionals.map((p) => path.resolve(io.cwd, p)) : await tuningFiles(io.cwd);
  if (files.some((f) => path.relative(path.resolve(io.cwd, BLIND_DIR), f).split(path.sep)[0] !== '..')) {
    io.err(`cluster-bot fit: the blind sets judge the model; fit on the tuning questions (${OWN_QUESTIONS}, ${TUNING_DIR}/)\n`);
    return 2;
  }
  const sets = await readQuestionSets(io.cwd, files);
  const questions = sets.flatMap((s) => s.questions);
  const from = sets.map((s) => s.file).join(', ');
  const engine = await engineFor(io, values.dir);
  if (!engine) return 1;
  const started = Date.now();
  const model = fitModel(engine.index, questions, undefined, (step) => io.err(`fit: ${step}… (${((Date.now() - started) / 1000).toFixed(0)} s)\n`));
  const { report } = model;
  const labelled = (names: readonly string[], weights: readonly number[]) => names.map((n, i) => `${n} ${weights[i]}`).join(', ');
  io.out(`ranker (learnt from ${report.ranked} questions): ${labelled(RANK_FEATURES, model.ranker)}\n`);
  io.out(`decision: ${labelled(DECISION_FEATURES, model.decider.weights)}; bias ${model.decider.bias}; answer at ≥ ${model.decider.answer}\n`);
  io.out(
    `on ${report.questions} tuning questions: best fact right ${report.rankedFirst}, answered right ${report.answeredRight}, ` +
      `answered wrong ${report.answeredWrong}, unanswerable declined ${report.declined}\n`,
  );
  io.out('out-of-fold, by answer threshold: answered right / answered wrong (of answerable), declined (of unanswerable)\n');
  for (const c of report.curve) io.out(`  ≥ ${c.threshold.toFixed(2)}   ${c.right.toFixed(3)}  ${c.wrong.toFixed(3)}  ${c.declined.toFixed(3)}\n`);
  if (values.write) {
    await writeFile(path.resolve(io.cwd, MODEL_FILE), modelSource(model, from));
    io.out(`wrote ${MODEL_FILE}\n`);
  }
  return 0;
}
