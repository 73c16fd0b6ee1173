/**
 * What a knowledge change does to answers: the evaluation questions whose top answer differs between a git ref and
 * the working tree. Used by `cluster-bot lint --changed <ref>` so a reviewer sees the effect of a YAML change.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knowledge } from '../knowledge/knowledge.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { createEngine } from '../search/engine.ts';
import { parseQuestions } from '../search/evaluation.ts';

const run = promisify(execFile);

export interface AnswerChange {
  readonly question: string;
  /** `id` of the top answer; `(not sure)` marks the closest fact shown without confidence, `— (nothing found)` none. */
  readonly before: string;
  readonly after: string;
}

/** Copies the knowledge folder as it is at `ref` into a temporary folder; returns it with a cleanup. */
export async function knowledgeAtRef(dir: string, ref: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  const root = top.trim();
  const relative = path.relative(root, path.resolve(dir)) || '.';
  const { stdout: listing } = await run('git', ['ls-tree', '-r', '--name-only', ref, '--', relative], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const temp = await mkdtemp(path.join(tmpdir(), 'cluster-bot-ref-'));
  const target = path.join(temp, path.basename(path.resolve(dir)));
  await mkdir(target, { recursive: true });
  for (const file of listing.split('\n').filter((f) => /\.ya?ml$/i.test(f))) {
    const { stdout } = await run('git', ['show', `${ref}:${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    const out = path.join(target, path.relative(relative, file));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, stdout);
  }
  return { dir: target, cleanup: () => rm(temp, { recursive: true, force: true }) };
}

/** Top answers of every question under two knowledge bases, and the questions where they differ. */
export function answerChanges(before: Knowledge, after: Knowledge, questions: readonly string[]): AnswerChange[] {
  const a = createEngine(before);
  const b = createEngine(after);
  const label = (r: ReturnType<typeof a.ask>) => {
    if (r.outcome === 'none') return '— (nothing found)';
    const id = r.answers[0]?.id ?? '—';
    return r.answered ? id : `${id} (not sure)`;
  };
  const changes: AnswerChange[] = [];
  for (const question of questions) {
    const was = label(a.ask(question));
    const now = label(b.ask(question));
    if (was !== now) changes.push({ question, before: was, after: now });
  }
  return changes;
}

/** Loads the knowledge at `ref` and compares answers to the eval questions with the working tree's. */
export async function changedAnswers(
  dir: string,
  ref: string,
  current: Knowledge,
  questionsFile: string,
): Promise<{ ok: true; changes: AnswerChange[] } | { ok: false; reason: string }> {
  const questions = parseQuestions(await readFile(questionsFile, 'utf8')).map((q) => q.q);
  let copy: Awaited<ReturnType<typeof knowledgeAtRef>>;
  try {
    copy = await knowledgeAtRef(dir, ref);
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return { ok: false, reason: `cannot read the knowledge at '${ref}': ${message.split('\n')[0]}` };
  }
  try {
    const before = await loadKnowledge(copy.dir);
    if (!before.ok) return { ok: false, reason: `the knowledge at '${ref}' does not load (${before.problems.length} problems)` };
    return { ok: true, changes: answerChanges(before.knowledge, current, questions) };
  } finally {
    await copy.cleanup();
  }
}
