/**
 * `cluster-bot eval [questions.yml] [--json]`: answer quality on the evaluation questions, beside a plain MiniSearch
 * and beside the engine with one feature switched off at a time, so the gain of each is visible.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_DEFAULTS, type SearchTuning } from '../search/defaults.ts';
import { createEngine } from '../search/engine.ts';
import { evaluate, parseQuestions, plainMiniSearch, type EvalReport } from '../search/evaluation.ts';
import { engineFor } from './ask.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import { outputClosed, type Io } from './io.ts';

const VARIANTS: ReadonlyArray<{ name: string; tuning: Partial<SearchTuning> }> = [
  { name: 'without fuzzy matching', tuning: { fuzzy: 0 } },
  { name: 'without prefix matching', tuning: { prefixMinLength: 1000 } },
  { name: 'without synonyms', tuning: { synonyms: [] } },
  { name: 'without entity boosts', tuning: { mentionBoost: 1, aboutBoost: 1 } },
  { name: 'without intent boosts', tuning: { intentBoost: 1 } },
  { name: 'without field boosts', tuning: { boost: {} } },
];

export async function evalCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, dir: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  const file = path.resolve(io.cwd, positionals[0] ?? 'tests/eval/questions.yml');
  const questions = parseQuestions(await readFile(file, 'utf8'));
  const engine = await engineFor(io, values.dir);
  if (!engine) return 1;

  const ours = evaluate((q) => engine.ask(q, { limit: 10 }), questions);
  const rows: Array<{ name: string; report: EvalReport }> = [{ name: 'cluster-bot engine', report: ours }];
  if (!values.quick) {
    for (const variant of VARIANTS) {
      if (outputClosed(io)) return 0;
      const variantEngine = createEngine(engine.knowledge, { ...SEARCH_DEFAULTS, ...variant.tuning });
      rows.push({ name: variant.name, report: evaluate((q) => variantEngine.ask(q, { limit: 10 }), questions) });
    }
    rows.push({ name: 'plain MiniSearch (defaults)', report: evaluate(plainMiniSearch(engine.knowledge), questions) });
  }

  if (values.json) {
    io.out(jsonLine({ file: path.relative(io.cwd, file), rows }));
    return 0;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  io.out(`${ours.questions} questions (${ours.answerable} answerable, ${ours.unanswerable} not) from ${path.relative(io.cwd, file)}\n\n`);
  io.out(`${'configuration'.padEnd(30)}  hit@1    hit@3    MRR      declined\n`);
  for (const { name, report } of rows) {
    io.out(`${name.padEnd(30)}${pct(report.hit1)}  ${pct(report.hit3)}  ${report.mrr.toFixed(3).padStart(6)}  ${pct(report.declined)}\n`);
  }
  if (ours.misses.length > 0) {
    io.out(`\nAnswerable questions without a hit in the top three (${ours.misses.length}):\n`);
    for (const miss of ours.misses) {
      io.out(`- ${terminalSafe(miss.q)}   [expect: ${terminalSafe(miss.expect.join(' | '))}]\n`);
      for (const got of miss.got) io.out(`    got: ${terminalSafe(got.slice(0, 160))}\n`);
    }
  }
  if (ours.wronglyAnswered.length > 0) {
    io.out(`\nUnanswerable questions answered anyway (${ours.wronglyAnswered.length}):\n`);
    for (const w of ours.wronglyAnswered) io.out(`- ${terminalSafe(w.q)}   [answered: ${terminalSafe(w.got)}]\n`);
  }
  return 0;
}
