/**
 * `cluster-bot bench`: how fast knowledge loads, the index builds and questions are answered, and how much memory
 * the engine holds. Prints figures; asserts nothing (timings belong here, not in tests).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../knowledge/load.ts';
import { knowledgeStats, type Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { ask as askUncached } from '../search/answer.ts';
import { createEngine } from '../search/engine.ts';
import { parseQuestions } from '../search/evaluation.ts';
import { terminalSafe } from '../render/terminal.ts';
import { knowledgeDir, type Io } from './io.ts';

const ms = (ns: bigint) => Number(ns) / 1e6;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { rounds: { type: 'string', default: '20' }, dir: { type: 'string' }, scale: { type: 'string', default: '' } },
  });
  const rounds = Math.max(1, Number(values.rounds) || 20);
  // `--scale 1,10,50` also builds the knowledge copied that many times, to show where an in-memory index stops fitting.
  const dir = path.resolve(io.cwd, knowledgeDir(io, values.dir));

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

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildTimes: number[] = [];
  let engine = createEngine(knowledge!);
  for (let i = 0; i < 10; i++) {
    const start = process.hrtime.bigint();
    engine = createEngine(knowledge!);
    buildTimes.push(ms(process.hrtime.bigint() - start));
  }
  global.gc?.();
  const heapEngine = process.memoryUsage().heapUsed - heapBefore;

  const questions = parseQuestions(await readFile(path.resolve(io.cwd, 'tests/eval/questions.yml'), 'utf8')).map((q) => q.q);
  // Uncached: the engine's work for a question it has not seen. Cached: a question asked again.
  const time = (run: (q: string) => unknown) => {
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        const start = process.hrtime.bigint();
        run(q);
        latencies.push(ms(process.hrtime.bigint() - start));
      }
    }
    const elapsed = ms(process.hrtime.bigint() - started) / 1000;
    return { latencies: latencies.sort((a, b) => a - b), perSecond: Math.round(latencies.length / elapsed) };
  };
  for (const q of questions) engine.ask(q);
  const uncached = time((q) => askUncached(engine.index, q));
  const cached = time((q) => engine.ask(q));
  loadTimes.sort((a, b) => a - b);
  buildTimes.sort((a, b) => a - b);

  const stats = knowledgeStats(knowledge!);
  const entities = Object.values(stats.byKind).reduce((a, b) => a + b, 0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  io.out(`cluster-bot bench — ${entities} entities, ${stats.facts} facts; Node ${process.version}, ${os.cpus().length} × ${cpu}\n\n`);
  io.out(`load + validate knowledge   median ${percentile(loadTimes, 50).toFixed(1)} ms   (5 runs)\n`);
  io.out(`build index                 median ${percentile(buildTimes, 50).toFixed(1)} ms   (10 runs)\n`);
  io.out(
    `engine heap                 ${(heapEngine / 1024 / 1024).toFixed(1)} MB${global.gc ? '' : '   (approximate; run node --expose-gc for exact)'}\n`,
  );
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

  // How the engine grows: the same knowledge copied N times (names and ids made unique), built and asked.
  const scales = values.scale
    ? values.scale
        .split(',')
        .map(Number)
        .filter((n) => n >= 1)
    : [];
  if (scales.length > 0) io.out('\nscale     facts   build index   engine heap   ask p50 (new question)   ask p99\n');
  for (const factor of scales) {
    const scaled = scaleKnowledge(knowledge!, factor);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    const big = createEngine(scaled);
    const build = ms(process.hrtime.bigint() - start);
    global.gc?.();
    const heap = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    const run = time((q) => askUncached(big.index, q));
    io.out(
      `${`×${factor}`.padEnd(7)}${String(knowledgeStats(scaled).facts).padStart(8)}${`${build.toFixed(0)} ms`.padStart(14)}${`${heap.toFixed(0)} MB`.padStart(14)}` +
        `${`${percentile(run.latencies, 50).toFixed(2)} ms`.padStart(25)}${`${percentile(run.latencies, 99).toFixed(2)} ms`.padStart(12)}\n`,
    );
  }
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
