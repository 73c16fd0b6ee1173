/**
 * Loads the knowledge folder: every `*.yml`/`*.yaml` below it, parsed with positions, schema-checked and
 * cross-checked. All or nothing: a single error means no knowledge is returned, so a broken edit can never
 * half-load.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAgainstSources, type SourceTextOptions } from './against-sources.ts';
import { buildKnowledge, type FileContent, type Knowledge } from './knowledge.ts';
import { locate, parseKnowledgeText, type ParsedFile } from './parse.ts';
import { sortProblems, type Problem } from './problem.ts';
import { validateAcrossFiles } from './validate.ts';

export type LoadResult =
  | { readonly ok: true; readonly knowledge: Knowledge; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

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
  const label = (abs: string) => path.join(path.basename(root), path.relative(root, abs)).split(path.sep).join('/');

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
  for (const entry of texts) {
    if ('error' in entry) {
      problems.push(folderProblem(label(entry.abs), entry.error));
      continue;
    }
    const result = parseKnowledgeText(label(entry.abs), entry.text);
    problems.push(...result.problems);
    if (result.parsed) parsed.push(result.parsed);
  }
  problems.push(...validateAcrossFiles(parsed));
  if (options.sourceTexts) problems.push(...(await checkAgainstSources(parsed, root, options.sourceTexts)));

  const sorted = sortProblems(problems);
  if (sorted.some((p) => p.severity === 'error')) return { ok: false, problems: sorted };

  const contents: FileContent[] = parsed.map((p) => ({
    file: p.file,
    data: p.data!,
    origin: (key, index) => ({ file: p.file, ...locate(p, [key, index]) }),
  }));
  return { ok: true, knowledge: buildKnowledge(contents), warnings: sorted };
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
