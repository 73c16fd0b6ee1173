/**
 * Where the evaluation questions live. The tuning set — the team's own questions and every blind set retired into it —
 * is what the engine is fitted and tuned on; the blind sets, written by people who never saw the engine's misses,
 * judge it and are read only for figures.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseQuestions, type EvalQuestion } from '../search/evaluation.ts';

/** The team's own questions. */
export const OWN_QUESTIONS = 'tests/eval/questions.yml';
/** Blind sets retired into the tuning set once their figures stopped moving. */
export const TUNING_DIR = 'tests/eval/tuning';
/** The sealed sets. */
export const BLIND_DIR = 'tests/eval/blind';

export interface QuestionSet {
  /** The file, relative to the working directory. */
  readonly file: string;
  readonly questions: EvalQuestion[];
}

async function yamlFiles(dir: string, only: readonly string[] = []): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    // A set may be named by part of its file name ("set-2") or by its path ("tests/eval/blind/set-2.yml").
    .filter((n) => /\.ya?ml$/.test(n) && (only.length === 0 || only.some((o) => n.includes(path.basename(o)))))
    .sort()
    .map((n) => path.join(dir, n));
}

/** The tuning set's files: the team's questions, then each retired blind set. */
export async function tuningFiles(cwd: string): Promise<string[]> {
  return [path.resolve(cwd, OWN_QUESTIONS), ...(await yamlFiles(path.resolve(cwd, TUNING_DIR)))];
}

/** The sealed sets, or those whose file name contains one of `only` ("set-2", or a path to the file). */
export async function blindFiles(cwd: string, only: readonly string[] = []): Promise<string[]> {
  return yamlFiles(path.resolve(cwd, BLIND_DIR), only);
}

/** Reads question files. Throws with the file name and zod's message when one is malformed. */
export async function readQuestionSets(cwd: string, files: readonly string[]): Promise<QuestionSet[]> {
  const sets: QuestionSet[] = [];
  for (const file of files) {
    const relative = path.relative(cwd, file);
    try {
      sets.push({ file: relative, questions: parseQuestions(await readFile(file, 'utf8')) });
    } catch (error) {
      throw new Error(`${relative}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return sets;
}
