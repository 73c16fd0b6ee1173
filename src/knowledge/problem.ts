/**
 * Problems found in knowledge files: values, not exceptions, so a maintainer sees every one in a single run.
 */

export type Severity = 'error' | 'warning';

/** Stable codes a caller (or a test) can branch on; messages may be reworded, codes may not. */
export type ProblemCode =
  | 'read-failed'
  | 'file-too-large'
  | 'empty-file'
  | 'not-a-mapping'
  | 'yaml-syntax'
  | 'tab-indentation'
  | 'schema'
  | 'duplicate-id'
  | 'unknown-reference'
  | 'wrong-kind-reference'
  | 'unknown-source'
  | 'unknown-section'
  | 'missing-section'
  | 'alias-collision'
  | 'figure-without-date'
  | 'long-fact'
  | 'duplicate-question'
  | 'no-knowledge'
  | 'conflict-field'
  | 'source-text-missing'
  | 'section-span'
  | 'section-without-span'
  | 'figure-not-in-section'
  | 'figure-not-in-source';

/** The codes only the check against the source texts gives (`checkAgainstSources`); the bot does not run it. */
export const SOURCE_CHECK_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'source-text-missing',
  'section-span',
  'section-without-span',
  'figure-not-in-section',
  'figure-not-in-source',
]);

export interface Problem {
  readonly severity: Severity;
  readonly code: ProblemCode;
  /** Path of the file relative to the knowledge folder's parent (what a maintainer types). */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** Where inside the document, e.g. `organisations[3].facts[0].cite.source`. */
  readonly path: string;
  readonly message: string;
}

/** `file:line:column  path: message`, the form editors and terminals link to. */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const tag = problem.severity === 'warning' ? 'warning ' : '';
  const path = problem.path ? `${problem.path}: ` : '';
  return `${where}  ${tag}${path}${problem.message}`;
}

/** Renders a document path as `organisations[3].facts[0].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** `localeCompare`'s order (the default locale and options), without building a collator for every comparison. */
const collator = new Intl.Collator();

/** Sorts problems by file, then position, so output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => collator.compare(a.file, b.file) || a.line - b.line || a.column - b.column || collator.compare(a.message, b.message),
  );
}
