/**
 * Parses one knowledge file: YAML with positions, then the zod schema. Every problem carries its line and column.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { KnowledgeFile } from './schema.ts';
import { formatPath, type Problem, type ProblemCode, type Severity } from './problem.ts';
import { didYouMean } from './similar.ts';

/** Files larger than this are refused: knowledge is curated prose, and a huge file is almost always a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A file that parsed as YAML: its document keeps positions for later (cross-file) problems. */
export interface ParsedFile {
  readonly file: string;
  /** The file's text, for positions inside a value (a figure within a fact). */
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The validated content, or undefined when the schema rejected the file. */
  readonly data: KnowledgeFile | undefined;
}

export interface ParseResult {
  readonly parsed: ParsedFile | undefined;
  readonly problems: Problem[];
}

/** Parses and schema-checks one file's text. Never throws. */
export function parseKnowledgeText(file: string, text: string): ParseResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    const size = (bytes / (1024 * 1024)).toFixed(1);
    return {
      parsed: undefined,
      problems: [at(file, 1, 1, 'file-too-large', `file is ${size} MB; knowledge files may be at most 1 MB — split it`)],
    };
  }
  const { doc, lines } = syntaxTree(text);

  if (doc.errors.length > 0) {
    return { parsed: undefined, problems: doc.errors.map((error) => yamlProblem(file, lines, text, error)) };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { parsed: undefined, problems: [at(file, 1, 1, 'empty-file', 'file is empty; add entities or delete it')] };
  }
  if (!isMap(doc.contents)) {
    const pos = lines.linePos(doc.contents.range?.[0] ?? 0);
    return {
      parsed: undefined,
      problems: [
        at(file, pos.line, pos.col, 'not-a-mapping', `file must be a mapping of kinds (${kindList()}), not a ${describe(doc.contents)}`),
      ],
    };
  }

  const result = KnowledgeFile.safeParse(doc.toJS(), { reportInput: true });
  const parsedFile: ParsedFile = { file, text, doc, lines, data: result.success ? result.data : undefined };
  if (result.success) {
    if (Object.keys(result.data).length === 0) {
      return { parsed: parsedFile, problems: [at(file, 1, 1, 'empty-file', `file holds no entities; add one of: ${kindList()}`)] };
    }
    return { parsed: parsedFile, problems: [] };
  }
  return { parsed: parsedFile, problems: result.error.issues.flatMap((issue) => zodProblems(parsedFile, issue)) };
}

/** A file's YAML syntax tree, with its line counter: what positions are read from. */
export function syntaxTree(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

/**
 * Positions already found, per file content (its validated data, which a reader keeps while the text is unchanged):
 * a warning reported again on every reload is located once, without walking (or parsing again) the file's tree.
 */
const positions = new WeakMap<object, Map<string, { line: number; column: number }>>();

/** The line and column of the node at `path`, walking up to the nearest existing ancestor. */
export function locate(parsed: ParsedFile, path: readonly PropertyKey[]): { line: number; column: number } {
  const owner: object = parsed.data ?? parsed;
  let known = positions.get(owner);
  if (!known) positions.set(owner, (known = new Map()));
  const key = path.map(String).join('\u0000');
  let found = known.get(key);
  if (!found) {
    found = locateInTree(parsed, path);
    known.set(key, found);
  }
  return found;
}

function locateInTree(parsed: ParsedFile, path: readonly PropertyKey[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = parsed.doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) {
      const pos = parsed.lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/** The line and column of the *key* `key` in the mapping at `path` (for unknown keys). */
function locateKey(parsed: ParsedFile, path: readonly PropertyKey[], key: string): { line: number; column: number } {
  const node = parsed.doc.getIn(path as unknown[], true);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) {
        const pos = parsed.lines.linePos(pair.key.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
  }
  return locate(parsed, path);
}

/** Builds a problem for a parsed file at a document path. */
export function problemAt(
  parsed: ParsedFile,
  path: readonly PropertyKey[],
  code: ProblemCode,
  message: string,
  severity: Severity = 'error',
): Problem {
  const { line, column } = locate(parsed, path);
  return { severity, code, file: parsed.file, line, column, path: formatPath(path), message };
}

/** Like `problemAt`, but pointing at `part` inside the scalar at `path` when the file text holds it verbatim. */
export function problemWithin(
  parsed: ParsedFile,
  path: readonly PropertyKey[],
  part: string,
  code: ProblemCode,
  message: string,
  severity: Severity = 'error',
): Problem {
  const node = parsed.doc.getIn(path as unknown[], true) as Node | undefined;
  const range = node?.range;
  if (range) {
    const at = parsed.text.slice(range[0], range[1]).indexOf(part);
    if (at >= 0) {
      const pos = parsed.lines.linePos(range[0] + at);
      return { severity, code, file: parsed.file, line: pos.line, column: pos.col, path: formatPath(path), message };
    }
  }
  return problemAt(parsed, path, code, message, severity);
}

function at(file: string, line: number, column: number, code: ProblemCode, message: string, path = ''): Problem {
  return { severity: 'error', code, file, line, column, path, message };
}

function kindList(): string {
  return Object.keys(KnowledgeFile.shape).join(', ');
}

function describe(node: unknown): string {
  if (isSeq(node)) return 'list';
  if (isScalar(node)) return typeof node.value === 'string' ? 'string' : `${typeof node.value}`;
  return 'value';
}

interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

function yamlProblem(file: string, lines: LineCounter, text: string, error: YamlErrorLike): Problem {
  const pos = lines.linePos(error.pos[0]);
  // A tab in indentation is the most common YAML slip; yaml reports it in several ways, so look at the line itself.
  const lineText = text.split(/\r?\n/)[pos.line - 1] ?? '';
  const tab = /^[ ]*\t/.exec(lineText);
  if (tab || error.code === 'TAB_AS_INDENT') {
    const column = tab ? tab[0].length : pos.col;
    return at(file, pos.line, column, 'tab-indentation', 'tab used for indentation; YAML indents with spaces only');
  }
  if (error.code === 'DUPLICATE_KEY') {
    return at(file, pos.line, pos.col, 'yaml-syntax', 'the same key appears twice in one mapping; keep one');
  }
  const message = error.message.replace(/\s+at line \d+, column \d+.*$/s, '').trim();
  return at(file, pos.line, pos.col, 'yaml-syntax', `YAML syntax: ${lowerFirst(message)}`);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Maps one zod issue to maintainer-facing problems (one per unknown key). */
function zodProblems(parsed: ParsedFile, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  const where = (p: readonly PropertyKey[]) => ({ ...locate(parsed, p), path: formatPath(p) });
  const make = (p: readonly PropertyKey[], message: string, pos = where(p)): Problem => ({
    severity: 'error',
    code: 'schema',
    file: parsed.file,
    line: pos.line,
    column: pos.column,
    path: pos.path,
    message,
  });

  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && path.length > 0) {
    return [make(path, `missing required field '${String(path[path.length - 1])}'`)];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => {
        const pos = { ...locateKey(parsed, path, key), path: formatPath([...path, key]) };
        return make([...path, key], `unknown field '${key}'${didYouMean(key, allowed)}`, pos);
      });
    }
    case 'invalid_type':
      return [make(path, `expected ${article(issue.expected)}, got ${typeName(issue.input)}`)];
    case 'invalid_value':
      return [make(path, `'${String(issue.input)}' is not allowed; use one of: ${issue.values.map(String).join(', ')}`)];
    case 'invalid_union': {
      // Pick the branch that failed deepest: for a date given as a string, the string branch's message.
      const branch = issue.errors.find((errs) => errs.every((e) => e.code !== 'invalid_type')) ?? issue.errors[0];
      const first = branch?.[0];
      return [make(path, first ? first.message : issue.message)];
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') return [make(path, issue.message)];
      return [make(path, `must be at least ${String(issue.minimum)}`)];
    case 'too_big':
      return [make(path, issue.message.startsWith('Too big') ? `must be at most ${String(issue.maximum)}` : issue.message)];
    case 'invalid_format':
      return [make(path, issue.format === 'regex' ? issue.message : `not a valid ${issue.format}`)];
    default:
      return [make(path, issue.message)];
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** The field names the schema allows at `path`, for "did you mean" on unknown keys. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema: AnySchema | undefined = KnowledgeFile as unknown as AnySchema;
  const unwrap = (s: AnySchema | undefined): AnySchema | undefined => {
    let current = s;
    for (let i = 0; current && i < 10; i++) {
      const def = current._zod.def;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') current = def.innerType as AnySchema;
      else if (def.type === 'pipe') current = def.in as AnySchema;
      else break;
    }
    return current;
  };
  for (const part of path) {
    schema = unwrap(schema);
    if (!schema) return [];
    const def = schema._zod.def;
    if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(part)];
    else return [];
  }
  schema = unwrap(schema);
  if (schema?._zod.def.type !== 'object') return [];
  return Object.keys(schema._zod.def.shape as object);
}
