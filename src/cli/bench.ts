/**
 * `cluster-bot bench`: how fast knowledge loads, the index builds and questions are answered, and how much memory
 * the engine holds. Prints figures on standard output and what it is doing on standard error; asserts nothing
 * (timings belong here, not in tests).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadKnowledge } from '../knowledge/load.ts';
import { knowledgeStats, type Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { ask as askUncached } from '../search/answer.ts';
import { createEngine, type Engine } from '../search/engine.ts';
import { parseQuestions } from '../search/evaluation.ts';
import { terminalSafe } from '../render/terminal.ts';
import { knowledgeDir, outputClosed, type Io } from './io.ts';

const ms = (ns: bigint) => Number(ns) / 1e6;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** How the engine heap is measured, printed beside the figure. */
export const HEAP_METHOD = 'used heap after a forced full GC with one engine built, minus before it';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The garbage collector as a function: `global.gc` under --expose-gc, else the same function exposed at run time. */
function collector(): () => void {
  if (typeof global.gc === 'function') return global.gc;
  // V8 reads --expose-gc when a context is created: a new context then holds `gc` (documented in node's v8 module).
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The heap one engine holds: used heap after a forced full collection with the engine built, minus used heap after
 * one before it. The same measure for every figure bench prints.
 */
function engineHeap(gc: () => void, build: () => Engine): { engine: Engine; bytes: number } {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const engine = build();
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { engine, bytes: Math.max(0, bytes) };
}

/** Time and heap of one engine over some knowledge, as one row of figures. */
interface Row {
  readonly facts: number;
  readonly buildMs: number;
  readonly heapBytes: number;
  readonly p50: number;
  readonly p99: number;
}

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { rounds: { type: 'string', default: '20' }, dir: { type: 'string' }, scale: { type: 'string', default: '' } },
  });
  const rounds = Math.max(1, Number(values.rounds) || 20);
  // `--scale 1,10,50` also builds the knowledge copied that many times, to show where an in-memory index stops fitting.
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
  for (let i = 0; i < 10; i++) {
    const start = process.hrtime.bigint();
    createEngine(knowledge!);
    buildTimes.push(ms(process.hrtime.bigint() - start));
  }
  // The builds above warmed the module-level caches (stems, tokens), so the heap below is the engine's own.
  const { engine, bytes: heapEngine } = engineHeap(gc, () => createEngine(knowledge!));
  if (outputClosed(io)) return 0;

  const questions = parseQuestions(await readFile(path.resolve(io.cwd, 'tests/eval/questions.yml'), 'utf8')).map((q) => q.q);
  // Uncached: the engine's work for a question it has not seen. Cached: a question asked again.
  const time = (label: string, run: (q: string) => unknown) => {
    progress(`${label}: ${questions.length} questions × ${rounds} round${rounds === 1 ? '' : 's'}…`);
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    for (let r = 0; r < rounds && !outputClosed(io); r++) {
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
  const uncached = time('asking new questions', (q) => askUncached(engine.index, q));
  const cached = time('asking questions asked before', (q) => engine.ask(q));
  loadTimes.sort((a, b) => a - b);
  buildTimes.sort((a, b) => a - b);
  if (outputClosed(io)) return 0;

  const stats = knowledgeStats(knowledge!);
  const entities = Object.values(stats.byKind).reduce((a, b) => a + b, 0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  io.out(`cluster-bot bench — ${entities} entities, ${stats.facts} facts; Node ${process.version}, ${os.cpus().length} × ${cpu}\n\n`);
  io.out(`load + validate knowledge   median ${percentile(loadTimes, 50).toFixed(1)} ms   (5 runs)\n`);
  io.out(`build index                 median ${percentile(buildTimes, 50).toFixed(1)} ms   (10 runs)\n`);
  io.out(`engine heap                 ${mb(heapEngine)}   (${HEAP_METHOD})\n`);
  for (const [label, run] of [
    ['ask, new question', uncached],
    ['ask, asked before (cache)', cached],
  ] as const) {
    io.out(
      `${label.padEnd(28)}p50 ${percentile(run.latencies, 50).toFixed(3)} ms   p99 ${percentile(run.latencies, 99).toFixed(3)} ms   ` +
        `${run.perSecond} questions/s   (${run.latencies.length} asks)\n`,
    );
  }
  io.out(`process RSS                 ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB\n`);

  // How the engine grows: the same knowledge copied N times (names and ids made unique), built and asked. ×1 is the
  // knowledge itself: its row repeats the figures above rather than measuring them a second time.
  if (scales.length === 0) return 0;
  io.out(`\nscale     facts   build index   engine heap   ask p50 (new question)   ask p99\n`);
  const today: Row = {
    facts: stats.facts,
    buildMs: percentile(buildTimes, 50),
    heapBytes: heapEngine,
    p50: percentile(uncached.latencies, 50),
    p99: percentile(uncached.latencies, 99),
  };
  for (const factor of scales) {
    if (outputClosed(io)) return 0;
    let row = today;
    if (factor !== 1) {
      progress(`×${factor}: copying the knowledge…`);
      const scaled = scaleKnowledge(knowledge!, factor);
      progress(`×${factor}: building the index over ${knowledgeStats(scaled).facts} facts…`);
      let buildMs = 0;
      const { engine: big, bytes } = engineHeap(gc, () => {
        const start = process.hrtime.bigint();
        const built = createEngine(scaled);
        buildMs = ms(process.hrtime.bigint() - start);
        return built;
      });
      const run = time(`×${factor}: asking new questions`, (q) => askUncached(big.index, q));
      row = {
        facts: knowledgeStats(scaled).facts,
        buildMs,
        heapBytes: bytes,
        p50: percentile(run.latencies, 50),
        p99: percentile(run.latencies, 99),
      };
    }
    io.out(
      `${`×${factor}`.padEnd(7)}${String(row.facts).padStart(8)}${`${row.buildMs.toFixed(0)} ms`.padStart(14)}${mb(row.heapBytes).padStart(14)}` +
        `${`${row.p50.toFixed(2)} ms`.padStart(25)}${`${row.p99.toFixed(2)} ms`.padStart(12)}\n`,
    );
  }
  io.out(`\nengine heap: ${HEAP_METHOD}.\n`);
  return 0;
}

/** The knowledge copied `factor` times, each copy's ids and names made unique; references stay on the originals. */
function scaleKnowledge(knowledge: Knowledge, factor: number): Knowledge {
  const entities: Entity[] = [...knowledge.entities];
  for (let copy = 1; copy < factor; copy++) {
    for (const e of knowledge.entities)
      entities.push({ ...e, id: `${e.id}-copy-${copy}`, name: `${e.name} (${copy})`, aliases: [] } as Entity);
  }
  return {
    sources: knowledge.sources,
    entities,
    byId: new Map(entities.map((e) => [e.id, e])),
    origins: knowledge.origins,
    files: knowledge.files,
  };
}
