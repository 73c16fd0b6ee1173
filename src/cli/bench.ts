/**
 * `cluster-bot bench`: how fast knowledge loads, the index builds and questions are answered, how much memory the
 * engine holds, and how long a change to one knowledge file takes to reach the answers; each beside a plain
 * MiniSearch over the same facts (name and text, default options) in the same run, the floor of any search.
 * Prints figures on standard output and what it is doing on standard error; asserts nothing (timings belong here,
 * not in tests).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { parse, stringify } from 'yaml';
import { KnowledgeFolder } from '../knowledge/folder.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { knowledgeStats, type Knowledge } from '../knowledge/knowledge.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { ask as askUncached } from '../search/answer.ts';
import { createEngine, engineSteps, type Engine } from '../search/engine.ts';
import { parseQuestions } from '../search/evaluation.ts';
import { runInSlices } from '../search/slices.ts';
import { terminalSafe } from '../render/terminal.ts';
import { knowledgeDir, outputClosed, type Io } from './io.ts';

const ms = (ns: bigint) => Number(ns) / 1e6;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** How the heap is measured, printed beside the figures. */
export const HEAP_METHOD = 'used heap after a forced full GC with the index built, minus before it';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** The garbage collector as a function: `global.gc` under --expose-gc, else the same function exposed at run time. */
function collector(): () => void {
  if (typeof global.gc === 'function') return global.gc;
  // V8 reads --expose-gc when a context is created: a new context then holds `gc` (documented in node's v8 module).
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The heap something holds: used heap after a forced full collection with it built, minus used heap after one
 * before it. The same measure for every figure bench prints, the engine's and plain MiniSearch's.
 */
function heapOf<T>(gc: () => void, build: () => T): { value: T; bytes: number } {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { value, bytes: Math.max(0, bytes) };
}

/** A default MiniSearch over the facts' entity names and texts: what the engine is measured against. */
function plainIndex(knowledge: Knowledge): MiniSearch {
  const search = new MiniSearch({ fields: ['name', 'text'] });
  search.addAll(plainDocuments(knowledge.entities));
  return search;
}

function plainDocuments(entities: Knowledge['entities']): Array<{ id: string; name: string; text: string }> {
  return entities.flatMap((e) => e.facts.map((f, i) => ({ id: `${e.id}#${i}`, name: e.name, text: f.text })));
}

/** One measure, the engine's and plain MiniSearch's, in the same unit. */
interface Pair {
  readonly engine: number;
  readonly plain: number;
}

/** The figures of one knowledge size. */
interface Row {
  readonly factor: number;
  readonly facts: number;
  readonly build: Pair;
  readonly heap: Pair;
  readonly p50: Pair;
  readonly p99: Pair;
  readonly reload: Pair;
  /** The engine's reload, split: reading the folder (on the worker thread), then updating the index. */
  readonly reloadRead: number;
  readonly reloadIndex: number;
}

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { rounds: { type: 'string', default: '20' }, dir: { type: 'string' }, scale: { type: 'string', default: '' } },
  });
  const rounds = Math.max(1, Number(values.rounds) || 20);
  // `--scale 1,10,100`: the knowledge copied that many times (ids and names made unique), one row of figures each.
  const scales = values.scale
    ? values.scale
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= 1)
    : [];
  const dir = path.resolve(io.cwd, knowledgeDir(io, values.dir));
  const progress = (text: string) => io.err(`bench: ${text}\n`);
  const gc = collector();

  progress('loading the knowledge (5 runs)…');
  const loadTimes: number[] = [];
  let knowledge: Knowledge | undefined;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const result = await loadKnowledge(dir, { relativeTo: io.cwd });
    loadTimes.push(ms(process.hrtime.bigint() - start));
    if (!result.ok) {
      for (const p of result.problems) io.err(`${terminalSafe(formatProblem(p))}\n`);
      return 1;
    }
    knowledge = result.knowledge;
  }
  if (outputClosed(io)) return 0;

  progress('building the index (10 runs)…');
  const buildTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    let start = process.hrtime.bigint();
    createEngine(knowledge!);
    buildTimes.push(ms(process.hrtime.bigint() - start));
    start = process.hrtime.bigint();
    plainIndex(knowledge!);
    plainTimes.push(ms(process.hrtime.bigint() - start));
  }
  // The builds above warmed the module-level caches (stems, tokens), so the heap below is the engine's own.
  const { value: engine, bytes: heapEngine } = heapOf(gc, () => createEngine(knowledge!));
  const { value: plain, bytes: heapPlain } = heapOf(gc, () => plainIndex(knowledge!));
  if (outputClosed(io)) return 0;

  const questions = parseQuestions(await readFile(path.resolve(io.cwd, 'tests/eval/questions.yml'), 'utf8')).map((q) => q.q);
  // Uncached: the engine's work for a question it has not seen. Cached: a question asked again.
  const time = (label: string, run: (q: string) => unknown, times: number) => {
    progress(`${label}: ${questions.length} questions × ${times} round${times === 1 ? '' : 's'}…`);
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    for (let r = 0; r < times && !outputClosed(io); r++) {
      for (const q of questions) {
        const start = process.hrtime.bigint();
        run(q);
        latencies.push(ms(process.hrtime.bigint() - start));
      }
    }
    const elapsed = ms(process.hrtime.bigint() - started) / 1000;
    return { latencies: latencies.sort((a, b) => a - b), perSecond: Math.round(latencies.length / Math.max(elapsed, 1e-9)) };
  };
  for (const q of questions) engine.ask(q);
  const uncached = time('asking new questions', (q) => askUncached(engine.index, q), rounds);
  const cached = time('asking questions asked before (cache)', (q) => engine.ask(q), rounds);
  const plainAsked = time('asking plain MiniSearch', (q) => plain.search(q), rounds);
  if (outputClosed(io)) return 0;

  const stats = knowledgeStats(knowledge!);
  const entities = Object.values(stats.byKind).reduce((a, b) => a + b, 0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  io.out(`cluster-bot bench — ${entities} entities, ${stats.facts} facts; Node ${process.version}, ${os.cpus().length} × ${cpu}\n\n`);
  io.out(`load + validate knowledge   median ${median(loadTimes).toFixed(1)} ms   (5 runs)\n`);
  io.out(`build index                 median ${median(buildTimes).toFixed(1)} ms   plain MiniSearch ${median(plainTimes).toFixed(1)} ms   (10 runs)\n`);
  io.out(`engine heap                 ${mb(heapEngine)}   plain MiniSearch ${mb(heapPlain)}   (${HEAP_METHOD})\n`);
  for (const [label, run] of [
    ['ask, new question', uncached],
    ['ask, asked before (cache)', cached],
    ['plain MiniSearch search', plainAsked],
  ] as const) {
    io.out(
      `${label.padEnd(28)}p50 ${percentile(run.latencies, 50).toFixed(3)} ms   p99 ${percentile(run.latencies, 99).toFixed(3)} ms   ` +
        `${run.perSecond} questions/s   (${run.latencies.length} asks)\n`,
    );
  }
  io.out(`process RSS                 ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB\n`);
  if (scales.length === 0) return 0;

  // Each size: the knowledge copied on disk, read as a running bot reads it, measured beside plain MiniSearch.
  const rows: Row[] = [];
  for (const factor of scales) {
    if (outputClosed(io)) return 0;
    const row = await measureSize(dir, factor, questions, Math.max(1, Math.round(rounds / factor)), gc, (text) => progress(`×${factor}: ${text}`));
    if (!row) return 1;
    rows.push(row);
    io.out(`\n${sizeBlock(row)}`);
  }
  io.out(`\n${summary(rows)}`);
  io.out(`\nheap: ${HEAP_METHOD}.\n`);
  io.out(
    'one-file reload: the engine reads the folder again on its worker thread (parsing the changed file, checking every ' +
      'file) and updates the index in slices; plain MiniSearch replaces the facts of that file.\n',
  );
  return 0;
}

/** Builds, measures and times one size of knowledge; undefined (with the problems printed) when it does not load. */
async function measureSize(
  dir: string,
  factor: number,
  questions: readonly string[],
  rounds: number,
  gc: () => void,
  progress: (text: string) => void,
): Promise<Row | undefined> {
  progress(factor === 1 ? 'copying the knowledge…' : `writing the knowledge copied ${factor} times…`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cluster-bot-bench-'));
  const root = path.join(tmp, 'knowledge');
  const folder = new KnowledgeFolder(root);
  try {
    const edited = await writeScaled(dir, root, factor);
    progress('reading it…');
    const loaded = await folder.read();
    if (!loaded.ok) {
      for (const p of loaded.problems.slice(0, 20)) progress(formatProblem(p));
      return undefined;
    }
    const knowledge = loaded.knowledge;
    const facts = knowledgeStats(knowledge).facts;

    // The median of several builds where a build takes seconds at most: one run on a shared machine can be far off.
    const runs = factor === 1 ? 5 : factor <= 20 ? 3 : 1;
    progress(`building the index over ${facts} facts (${runs} run${runs === 1 ? '' : 's'}), and plain MiniSearch…`);
    const builds: number[] = [];
    const plainBuilds: number[] = [];
    for (let i = 0; i < runs; i++) {
      let start = process.hrtime.bigint();
      createEngine(knowledge);
      builds.push(ms(process.hrtime.bigint() - start));
      start = process.hrtime.bigint();
      plainIndex(knowledge);
      plainBuilds.push(ms(process.hrtime.bigint() - start));
    }
    progress('measuring the heap…');
    let engine: Engine = heapOf(gc, () => createEngine(knowledge)).value;
    const { bytes: heapEngine } = heapOf(gc, () => createEngine(knowledge));
    const { value: plain, bytes: heapPlain } = heapOf(gc, () => plainIndex(knowledge));

    progress(`asking new questions: ${questions.length} × ${rounds}, engine and plain MiniSearch…`);
    const asked: number[] = [];
    const plainAsked: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        let start = process.hrtime.bigint();
        askUncached(engine.index, q);
        asked.push(ms(process.hrtime.bigint() - start));
        start = process.hrtime.bigint();
        plain.search(q);
        plainAsked.push(ms(process.hrtime.bigint() - start));
      }
    }
    asked.sort((a, b) => a - b);
    plainAsked.sort((a, b) => a - b);

    progress(`changing one file (${path.relative(root, edited)}) and reloading, 5 times…`);
    // As the running bot does: reads move to the worker thread, whose first read fills its cache; a reload reads only
    // what changed since.
    folder.useThread();
    await folder.read();
    const reloads: number[] = [];
    const reads: number[] = [];
    const updates: number[] = [];
    const plainReloads: number[] = [];
    const original = parse(await readFile(edited, 'utf8')) as Record<string, Array<{ facts: Array<{ text: string }> }>>;
    for (let round = 1; round <= 5; round++) {
      const changed = structuredClone(original);
      const first = Object.entries(changed).find(([key, list]) => key !== 'sources' && list.length > 0)![1][0]!;
      first.facts[0]!.text = `${first.facts[0]!.text} Revised${' again'.repeat(round)}.`;
      await writeFile(edited, stringify(changed));
      const start = process.hrtime.bigint();
      const read = await folder.read();
      const readAt = process.hrtime.bigint();
      if (!read.ok) {
        for (const p of read.problems.slice(0, 20)) progress(formatProblem(p));
        return undefined;
      }
      engine = await runInSlices(engineSteps(read.knowledge, engine.index.tuning, engine));
      const done = process.hrtime.bigint();
      reloads.push(ms(done - start));
      reads.push(ms(readAt - start));
      updates.push(ms(done - readAt));
      // Plain MiniSearch: the same file's facts replaced.
      const label = path.relative(path.dirname(root), edited).split(path.sep).join('/');
      const ids = [...read.knowledge.origins].filter(([, o]) => o.file === label).map(([id]) => id);
      const docs = plainDocuments(ids.map((id) => read.knowledge.byId.get(id)).filter((e) => e !== undefined));
      const plainStart = process.hrtime.bigint();
      for (const doc of docs) plain.replace(doc);
      plainReloads.push(ms(process.hrtime.bigint() - plainStart));
    }
    return {
      factor,
      facts,
      build: { engine: median(builds), plain: median(plainBuilds) },
      heap: { engine: heapEngine, plain: heapPlain },
      p50: { engine: percentile(asked, 50), plain: percentile(plainAsked, 50) },
      p99: { engine: percentile(asked, 99), plain: percentile(plainAsked, 99) },
      reload: { engine: median(reloads), plain: median(plainReloads) },
      reloadRead: median(reads),
      reloadIndex: median(updates),
    };
  } finally {
    folder.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Writes the knowledge folder to `to`, with `factor - 1` more copies of every file holding entities, each copy's ids,
 * names and curated questions made unique (references stay on the originals, so every copy validates with no
 * warning, as the strict lint asks of the knowledge). Returns the file a reload
 * edits: the largest, in the last copy.
 */
async function writeScaled(from: string, to: string, factor: number): Promise<string> {
  await cp(from, to, { recursive: true });
  const files = (await readdir(from, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.relative(from, path.join(e.parentPath, e.name)));
  let largest = files[0]!;
  for (const file of files) if ((await stat(path.join(from, file))).size > (await stat(path.join(from, largest))).size) largest = file;
  for (let copy = 1; copy < factor; copy++) {
    for (const file of files) {
      const data = parse(await readFile(path.join(from, file), 'utf8')) as Record<string, Array<Record<string, unknown>>> | null;
      if (!data) continue;
      delete data.sources;
      if (Object.keys(data).length === 0) continue;
      for (const list of Object.values(data)) {
        for (const entity of list) {
          entity.id = `${String(entity.id)}-copy-${copy}`;
          entity.name = `${String(entity.name)} (${copy})`;
          entity.aliases = [];
          // Curated questions made unique too, as the strict lint wants them: each copy asks its own.
          for (const fact of (entity.facts as Array<{ questions?: string[] }> | undefined) ?? []) {
            if (fact.questions) fact.questions = fact.questions.map((q) => `${q} (${copy})`);
          }
        }
      }
      const target = path.join(to, `copy-${copy}`, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, stringify(data));
    }
  }
  return factor === 1 ? path.join(to, largest) : path.join(to, `copy-${factor - 1}`, largest);
}

const ratio = (pair: Pair) => (pair.plain > 0 ? `${(pair.engine / pair.plain).toFixed(pair.engine / pair.plain < 10 ? 2 : 0)}×` : '–');
const msText = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);

function sizeBlock(row: Row): string {
  const line = (label: string, pair: Pair, unit: (v: number) => string, note = '') =>
    `  ${label.padEnd(22)}${unit(pair.engine).padStart(12)}${unit(pair.plain).padStart(14)}${ratio(pair).padStart(10)}${note}\n`;
  return (
    `×${row.factor} — ${row.facts} facts\n` +
    `  ${'measure'.padEnd(22)}${'engine'.padStart(12)}${'plain'.padStart(14)}${'ratio'.padStart(10)}\n` +
    line('build index', row.build, msText) +
    line('heap', row.heap, mb) +
    line('new question p50', row.p50, msText) +
    line('new question p99', row.p99, msText) +
    line('one-file reload', row.reload, msText, `   (read ${msText(row.reloadRead)} on the worker, index ${msText(row.reloadIndex)})`)
  );
}

function summary(rows: readonly Row[]): string {
  const cell = (pair: Pair, unit: (v: number) => string) => `${unit(pair.engine)} / ${unit(pair.plain)} (${ratio(pair)})`;
  const header = ['size', 'facts', 'build: engine / plain', 'heap: engine / plain', 'p50: engine / plain', 'p99: engine / plain', 'one-file reload: engine / plain'];
  const lines = rows.map((r) => [
    `×${r.factor}`,
    String(r.facts),
    cell(r.build, msText),
    cell(r.heap, mb),
    cell(r.p50, msText),
    cell(r.p99, msText),
    cell(r.reload, msText),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((cols) => cols.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
