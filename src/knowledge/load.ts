/**
 * Loads the knowledge folder: every `*.yml`/`*.yaml` below it, parsed with positions, schema-checked and
 * cross-checked. All or nothing: a single error means no knowledge is returned, so a broken edit can never
 * half-load. Causes come before consequences: syntax errors first, then schema errors, then cross-file ones; and
 * references to ids that a broken file would define are held back and counted, not listed.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAgainstSources, type SourceTextOptions } from './against-sources.ts';
import { buildKnowledge, type FileContent, type Knowledge } from './knowledge.ts';
import { locate, parseKnowledgeText, type ParsedFile } from './parse.ts';
import { sortProblems, type Problem } from './problem.ts';
import { validateAcrossFiles } from './validate.ts';

/** References not reported because they name ids of files that did not load; fixing those files settles them. */
export interface HeldBack {
  readonly count: number;
  /** The files that did not load, as labelled in problems. */
  readonly files: readonly string[];
}

export type LoadResult =
  | { readonly ok: true; readonly knowledge: Knowledge; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly heldBack?: HeldBack };

export interface LoadOptions {
  /**
   * The folder problem paths are written relative to, so that they resolve from where the maintainer stands (a
   * command passes its working directory). Default: the knowledge folder's parent (`knowledge/…`).
   */
  readonly relativeTo?: string;
}

export interface LoadOptions {
  /**
   * Also check the knowledge against the source texts (section spans found, every figure of a fact printed in its
   * cited section). The bot leaves this off; `lint` turns it on.
   */
  readonly sourceTexts?: SourceTextOptions;
}

/** Loads and validates every knowledge file under `dir`. Never throws; problems come back as values. */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(dir);
  const base = options.relativeTo === undefined ? path.dirname(root) : path.resolve(options.relativeTo);
  const label = (abs: string) => (path.relative(base, abs) || path.basename(abs)).split(path.sep).join('/');

  let files: string[];
  try {
    files = await listYamlFiles(root);
  } catch (error) {
    return { ok: false, problems: [folderProblem(label(root), error)] };
  }
  if (files.length === 0) {
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'no-knowledge',
          file: label(root),
          line: 1,
          column: 1,
          path: '',
          message: 'no .yml or .yaml files in the knowledge folder',
        },
      ],
    };
  }

  const texts = await Promise.all(
    files.map(async (abs) => {
      try {
        return { abs, text: await readFile(abs, 'utf8') };
      } catch (error) {
        return { abs, error };
      }
    }),
  );

  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  // Ids that files which did not load appear to define: references to them are not errors of their own.
  const pending = new Set<string>();
  const unloaded: string[] = [];
  for (const entry of texts) {
    if ('error' in entry) {
      problems.push(folderProblem(label(entry.abs), entry.error));
      continue;
    }
    const result = parseKnowledgeText(label(entry.abs), entry.text);
    problems.push(...result.problems);
    if (result.parsed) parsed.push(result.parsed);
    if (!result.parsed?.data) {
      unloaded.push(label(entry.abs));
      for (const id of idsIn(entry.text)) pending.add(id);
    }
  }
  const crossFile = validateAcrossFiles(parsed, pending);
  problems.push(...crossFile.problems);
  if (options.sourceTexts) problems.push(...(await checkAgainstSources(parsed, root, options.sourceTexts)));

  const sorted = causesFirst(problems);
  if (sorted.some((p) => p.severity === 'error')) {
    return { ok: false, problems: sorted, ...(crossFile.heldBack > 0 ? { heldBack: { count: crossFile.heldBack, files: unloaded } } : {}) };
  }

  const contents: FileContent[] = parsed.map((p) => ({
    file: p.file,
    data: p.data!,
    origin: (key, index) => ({ file: p.file, ...locate(p, [key, index]) }),
  }));
  return { ok: true, knowledge: buildKnowledge(contents), warnings: sorted };
}

/** How early a problem is reported: a file that does not parse first, then schema errors, then the rest. */
const STAGE: Partial<Record<Problem['code'], number>> = {
  'read-failed': 0,
  'file-too-large': 0,
  'yaml-syntax': 0,
  'tab-indentation': 0,
  'not-a-mapping': 0,
  'empty-file': 0,
  schema: 1,
};

/** Problems in the order a maintainer should fix them: by stage, then by file and position. */
function causesFirst(problems: readonly Problem[]): Problem[] {
  const stage = (p: Problem) => STAGE[p.code] ?? 2;
  return sortProblems(problems).sort((a, b) => stage(a) - stage(b));
}

/**
 * Ids a file's text appears to define (`id:` keys), read from the text itself because the file did not parse or
 * validate: enough to recognise the references that only fail because of it.
 */
function idsIn(text: string): string[] {
  return [...text.matchAll(/^[\t -]*id:[\t ]*["']?([A-Za-z0-9][\w.-]*)/gm)].map((m) => m[1]!);
}

/** A sentence for the held-back references: how many, and which files to fix first. */
export function heldBackNote(heldBack: HeldBack): string {
  const n = heldBack.count;
  return `${n} reference error${n === 1 ? '' : 's'} held back: ${n === 1 ? 'it names an id' : 'they name ids'} defined in ${heldBack.files.join(', ')}, which did not load; fix ${heldBack.files.length === 1 ? 'that file' : 'those files'} first`;
}

/** Every YAML file below `root`, sorted so loading order (and so output) is stable. */
async function listYamlFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function folderProblem(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message =
    code === 'ENOENT'
      ? 'not found; set KNOWLEDGE_DIR or pass the folder that holds the knowledge YAML'
      : code === 'ENOTDIR'
        ? 'is a file, not a folder; pass the folder that holds the knowledge YAML'
        : `cannot be read (${code ?? String(error)})`;
  return { severity: 'error', code: 'read-failed', file, line: 1, column: 1, path: '', message };
}
