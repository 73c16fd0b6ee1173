/**
 * `cluster-bot lint [dir | --dir DIR] [--strict] [--json] [--source-texts DIR]`: every problem as `file:line:column  message`,
 * then a summary. Besides the YAML, it reads the source texts and checks every fact's figures against its cited
 * section. Exits 1 on any error (or any warning with --strict), 0 otherwise.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { heldBackNote, loadKnowledge } from '../knowledge/load.ts';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import { formatProblem, SOURCE_CHECK_CODES, type Problem } from '../knowledge/problem.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import { changedAnswers } from './changed.ts';
import { knowledgeDir, type Io } from './io.ts';

export async function lintCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      // The folder as an option too, as ask, eval and fit take it.
      dir: { type: 'string' },
      changed: { type: 'string' },
      questions: { type: 'string', default: 'tests/eval/questions.yml' },
      'source-texts': { type: 'string' },
    },
  });
  const dir = path.resolve(io.cwd, knowledgeDir(io, values.dir ?? positionals[0]));
  const texts = values['source-texts'] ?? (io.env.SOURCE_TEXTS_DIR?.trim() || undefined);
  const result = await loadKnowledge(dir, { relativeTo: io.cwd, sourceTexts: { ...(texts ? { dir: path.resolve(io.cwd, texts) } : {}) } });
  const heldBack = result.ok ? undefined : result.heldBack;
  const problems: readonly Problem[] = result.ok ? result.warnings : result.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const failed = errors > 0 || (values.strict && warnings > 0);

  const changed =
    values.changed !== undefined && result.ok
      ? await changedAnswers(dir, values.changed, result.knowledge, path.resolve(io.cwd, values.questions))
      : undefined;

  if (values.json) {
    const summary = result.ok ? knowledgeStats(result.knowledge) : undefined;
    io.out(jsonLine({ ok: !failed, errors, warnings, problems, summary, ...(heldBack ? { heldBack } : {}), ...(changed ? { changed } : {}) }));
    return failed ? 1 : 0;
  }
  for (const problem of problems) io.out(`${terminalSafe(formatProblem(problem))}\n`);
  if (result.ok) {
    const stats = knowledgeStats(result.knowledge);
    const kinds = Object.entries(stats.byKind)
      .map(([kind, n]) => `${n} ${n === 1 ? kind : plural(kind)}`)
      .join(', ');
    io.out(`${kinds}; ${count(stats.facts, 'fact')} from ${count(stats.sources, 'source')}`);
  } else if (problems.every((p) => p.severity !== 'error' || SOURCE_CHECK_CODES.has(p.code))) {
    // The bot reads no source texts: it would load this knowledge and serve what disagrees with them.
    io.out('knowledge disagrees with its sources (the bot would still load it and serve these facts: fix them first)');
  } else {
    io.out('knowledge not loaded');
  }
  io.out(` — ${count(errors, 'error')}, ${count(warnings, 'warning')}`);
  io.out(failed && errors === 0 ? ' (--strict: warnings fail)\n' : '\n');
  if (heldBack) io.out(`${terminalSafe(heldBackNote(heldBack))}\n`);
  if (changed && !changed.ok) io.out(`\n${terminalSafe(changed.reason)}\n`);
  if (changed?.ok) {
    const { changes } = changed;
    io.out(
      `\n${changes.length === 0 ? 'No' : changes.length} evaluation question${changes.length === 1 ? '' : 's'} change${changes.length === 1 ? 's' : ''} top answer since ${values.changed}${changes.length ? ':' : '.'}\n`,
    );
    for (const c of changes) io.out(`- ${terminalSafe(c.question)}\n    ${c.before} → ${c.after}\n`);
  }
  return failed ? 1 : 0;
}

function plural(kind: string): string {
  return kind === 'person' ? 'people' : `${kind}s`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
