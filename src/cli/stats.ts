/** `cluster-bot stats [dir | --dir DIR] [--json]`: entities by kind and facts by source. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { heldBackNote, loadKnowledge } from '../knowledge/load.ts';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import { formatProblem } from '../knowledge/problem.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import { knowledgeDir, type Io } from './io.ts';

export async function statsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, dir: { type: 'string' } } });
  const result = await loadKnowledge(path.resolve(io.cwd, knowledgeDir(io, values.dir ?? positionals[0])), { relativeTo: io.cwd });
  if (!result.ok) {
    for (const problem of result.problems) io.err(`${terminalSafe(formatProblem(problem))}\n`);
    if (result.heldBack) io.err(`${terminalSafe(heldBackNote(result.heldBack))}\n`);
    io.err('cluster-bot: knowledge has errors; run `npx cluster-bot lint` for details\n');
    return 1;
  }
  const stats = knowledgeStats(result.knowledge);
  if (values.json) {
    io.out(jsonLine(stats));
    return 0;
  }
  io.out('Entities by kind\n');
  for (const [kind, n] of Object.entries(stats.byKind)) io.out(`  ${kind.padEnd(14)}${String(n).padStart(5)}\n`);
  io.out(`  ${'facts'.padEnd(14)}${String(stats.facts).padStart(5)}\n`);
  io.out('Facts by source\n');
  for (const [id, n] of Object.entries(stats.factsBySource)) {
    const title = result.knowledge.sources.get(id)?.short ?? id;
    io.out(`  ${String(n).padStart(5)}  ${terminalSafe(title)} (${terminalSafe(id)})\n`);
  }
  return 0;
}
