/**
 * `cluster-bot eval [questions.yml …] [--json] [--quick]` or `eval --blind [set …]`: answer quality, overall and by kind,
 * beside a plain MiniSearch over the same facts (and, unless `--quick`, beside the engine with one feature switched
 * off at a time). `--blind` scores the sealed sets in tests/eval/blind/ and prints figures only: never a question,
 * an expected string or a miss, so the people tuning the engine cannot fit it to them.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_DEFAULTS, type SearchTuning } from '../search/defaults.ts';
import { createEngine, type Engine } from '../search/engine.ts';
import { evaluate, plainMiniSearch, type EvalFigures, type EvalReport } from '../search/evaluation.ts';
import { BLIND_DIR, blindFiles, readQuestionSets, tuningFiles } from './question-sets.ts';
import { engineFor } from './ask.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import { outputClosed, type Io } from './io.ts';

const VARIANTS: ReadonlyArray<{ name: string; tuning: Partial<SearchTuning> }> = [
  { name: 'without fuzzy matching', tuning: { fuzzy: 0 } },
  { name: 'without prefix matching', tuning: { prefixMinLength: 1000 } },
  { name: 'without synonyms', tuning: { synonyms: [] } },
];


const pct = (x: number) => (Number.isNaN(x) ? '     -' : `${(x * 100).toFixed(1)}%`.padStart(6));

function figureRow(name: string, f: EvalFigures, anchor?: EvalFigures): string {
  return [
    name.padEnd(28),
    String(f.questions).padStart(4),
    pct(f.hit1),
    pct(f.hit3),
    Number.isNaN(f.mrr) ? '    -' : f.mrr.toFixed(3).padStart(6),
    pct(f.shown1),
    pct(f.shown3),
    pct(f.declined),
    pct(f.confidentWrong),
    Number.isNaN(f.chars) ? '    -' : String(Math.round(f.chars)).padStart(5),
    anchor ? pct(anchor.hit3) : '',
  ].join('  ');
}

const HEADER = `${'set / kind'.padEnd(28)}     n   hit@1   hit@3     MRR  shown@1 shown@3 declined conf.wrong chars  plain hit@3\n`;
const LEGEND =
  'hit@k: answered, with the expected strings in the first k answers; shown@k: the same, counting "not sure" too;\n' +
  'declined: unanswerable questions not answered; conf.wrong: answerable questions answered with a wrong first answer;\n' +
  'chars: mean characters of all snippets the top three answers show; plain: a default MiniSearch over the same facts.\n';

function kindTable(io: Io, name: string, ours: EvalReport, plain: EvalReport): void {
  io.out(figureRow(name, ours, plain).replace(/\s+$/, '') + '\n');
  for (const [kind, f] of Object.entries(ours.byKind)) io.out(`${figureRow(`  ${kind}`, f, plain.byKind[kind]).replace(/\s+$/, '')}\n`);
}

const asker = (engine: Engine) => (q: string) => engine.ask(q, { limit: 10 });

export async function evalCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      dir: { type: 'string' },
      quick: { type: 'boolean', default: false },
      blind: { type: 'boolean', default: false },
    },
  });
  const files = values.blind
    ? await blindFiles(io.cwd, positionals)
    : positionals.length > 0
      ? positionals.map((p) => path.resolve(io.cwd, p))
      : await tuningFiles(io.cwd);
  if (files.length === 0) {
    const named = values.blind && positionals.length > 0 ? ` named ${positionals.map((p) => `'${p}'`).join(', ')}` : '';
    io.err(`cluster-bot eval: no question sets${named} in ${BLIND_DIR}/ (YAML files, see docs/search.md)\n`);
    return 1;
  }
  const sets = await readQuestionSets(io.cwd, files);
  const engine = await engineFor(io, values.dir);
  if (!engine) return 1;
  const plainAsk = plainMiniSearch(engine.knowledge);

  if (values.blind) {
    const reports = sets.map((s) => ({ file: s.file, ours: evaluate(asker(engine), s.questions), plain: evaluate(plainAsk, s.questions) }));
    // Figures only: misses and questions stay sealed.
    const figuresOnly = ({ misses: _m, wronglyAnswered: _w, ...rest }: EvalReport) => rest;
    if (values.json) {
      io.out(jsonLine({ sets: reports.map((r) => ({ file: r.file, engine: figuresOnly(r.ours), plain: figuresOnly(r.plain) })) }));
      return 0;
    }
    io.out(HEADER);
    for (const r of reports) kindTable(io, r.file, r.ours, r.plain);
    io.out(`\n${LEGEND}`);
    return 0;
  }

  const file = sets.map((s) => s.file).join(' + ');
  const questions = sets.flatMap((s) => s.questions);
  const ours = evaluate(asker(engine), questions);
  const plain = evaluate(plainAsk, questions);
  const rows: Array<{ name: string; report: EvalReport }> = [{ name: 'cluster-bot engine', report: ours }];
  if (!values.quick) {
    for (const variant of VARIANTS) {
      if (outputClosed(io)) return 0;
      const variantEngine = createEngine(engine.knowledge, { ...SEARCH_DEFAULTS, ...variant.tuning });
      rows.push({ name: variant.name, report: evaluate(asker(variantEngine), questions) });
    }
  }
  rows.push({ name: 'plain MiniSearch (defaults)', report: plain });

  if (values.json) {
    io.out(jsonLine({ file, rows }));
    return 0;
  }
  io.out(`${ours.questions} questions (${ours.answerable} answerable, ${ours.unanswerable} not) from ${file}\n\n`);
  io.out(HEADER);
  for (const { name, report } of rows) io.out(`${figureRow(name, report).replace(/\s+$/, '')}\n`);
  if (sets.length > 1) {
    io.out('\nBy set:\n');
    for (const set of sets) {
      const figures = evaluate(asker(engine), set.questions);
      io.out(`${figureRow(set.file, figures, evaluate(plainAsk, set.questions)).replace(/\s+$/, '')}\n`);
    }
  }
  io.out('\nBy kind:\n');
  kindTable(io, 'cluster-bot engine', ours, plain);
  io.out(`\n${LEGEND}`);
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
