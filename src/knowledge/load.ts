/**
 * Loads the knowledge folder: every `*.yml`/`*.yaml` below it, parsed with positions, schema-checked and
 * cross-checked. All or nothing: a single error means no knowledge is returned, so a broken edit can never
 * half-load. Causes come before consequences: syntax errors first, then schema errors, then cross-file ones; and
 * references to ids that a broken file would define are held back and counted, not listed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkAgainstSources, type SourceTextOptions } from './against-sources.ts';
import { assembleKnowledge, partOf, type Knowledge, type KnowledgePart } from './knowledge.ts';
import { locate, parseKnowledgeText, syntaxTree, type ParsedFile } from './parse.ts';
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
  const read = await new KnowledgeReader(dir, options).read();
  return read.ok ? { ok: true, knowledge: assembleKnowledge(read.parts), warnings: read.warnings } : read;
}

/**
 * Every knowledge file of a folder, labelled as problems label it, with a digest of its text (the `hash` of its
 * part): what tells whether a saved engine was built from the same knowledge. Reads the files, parses none; undefined
 * when the folder cannot be listed or holds no file.
 */
export async function folderDigest(dir: string, options: LoadOptions = {}): Promise<ReadonlyArray<{ file: string; hash: string }> | undefined> {
  const root = path.resolve(dir);
  const base = options.relativeTo === undefined ? path.dirname(root) : path.resolve(options.relativeTo);
  try {
    const files = await listYamlFiles(root);
    if (files.length === 0) return undefined;
    return await Promise.all(
      files.map(async (abs) => ({
        file: (path.relative(base, abs) || path.basename(abs)).split(path.sep).join('/'),
        hash: createHash('sha1').update(await readFile(abs, 'utf8')).digest('hex'),
      })),
    );
  } catch {
    return undefined;
  }
}

/** A read of the folder: as `LoadResult`, with the knowledge as its files' parts. */
export type ReadResult =
  | { readonly ok: true; readonly parts: readonly KnowledgePart[]; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly heldBack?: HeldBack };

/** How long after its last change a file's stamp (size, time, inode) is trusted to tell whether it changed. */
const SETTLED_MS = 1000;

/** What a reader keeps of a file between reads. */
interface Kept {
  readonly stamp: string;
  /** When the text was read (ms since the epoch), taken before reading it. */
  readonly readAt: number;
  readonly text: string;
  readonly hash: string;
  readonly problems: readonly Problem[];
  readonly parsed: ParsedFile | undefined;
  part?: KnowledgePart;
}

/**
 * Reads a knowledge folder again and again, parsing only the files that changed since the last read (by size,
 * modification time and inode, then by content) and keeping the part of each file that did not change, so the
 * same text gives the very same entity objects. Cross-file checks run over every file each time: they are cheap.
 */
export class KnowledgeReader {
  private readonly kept = new Map<string, Kept>();
  private readonly root: string;
  private readonly base: string;

  constructor(
    dir: string,
    private readonly options: LoadOptions = {},
  ) {
    this.root = path.resolve(dir);
    this.base = options.relativeTo === undefined ? path.dirname(this.root) : path.resolve(options.relativeTo);
  }

  private label(abs: string): string {
    return (path.relative(this.base, abs) || path.basename(abs)).split(path.sep).join('/');
  }

  /** Reads the folder. Never throws; problems come back as values. */
  async read(): Promise<ReadResult> {
    const { root } = this;
    let files: string[];
    try {
      files = await listYamlFiles(root);
    } catch (error) {
      this.kept.clear();
      return { ok: false, problems: [folderProblem(this.label(root), error)] };
    }
    if (files.length === 0) {
      this.kept.clear();
      return {
        ok: false,
        problems: [
          {
            severity: 'error',
            code: 'no-knowledge',
            file: this.label(root),
            line: 1,
            column: 1,
            path: '',
            message: 'no .yml or .yaml files in the knowledge folder',
          },
        ],
      };
    }
    const listed = new Set(files);
    for (const abs of this.kept.keys()) if (!listed.has(abs)) this.kept.delete(abs);

    const entries = await Promise.all(
      files.map(async (abs): Promise<{ abs: string; kept: Kept } | { abs: string; error: unknown }> => {
        try {
          const info = await stat(abs);
          const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
          const before = this.kept.get(abs);
          // File times are as coarse as the kernel's clock tick: a file changed within a second of being read may keep
          // its stamp, so only a stamp older than that is trusted without reading the file (as git does).
          if (before && before.stamp === stamp && info.mtimeMs + SETTLED_MS < before.readAt) return { abs, kept: before };
          const readAt = Date.now();
          const text = await readFile(abs, 'utf8');
          const hash = createHash('sha1').update(text).digest('hex');
          if (before && before.hash === hash) return { abs, kept: { ...before, stamp, readAt } };
          const result = parseKnowledgeText(this.label(abs), text);
          return { abs, kept: { stamp, readAt, text, hash, problems: result.problems, parsed: result.parsed } };
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
    for (const entry of entries) {
      if ('error' in entry) {
        this.kept.delete(entry.abs);
        problems.push(folderProblem(this.label(entry.abs), entry.error));
        continue;
      }
      const { kept } = entry;
      for (const problem of kept.problems) problems.push(problem);
      if (kept.parsed) parsed.push(kept.parsed);
      if (!kept.parsed?.data) {
        unloaded.push(this.label(entry.abs));
        for (const id of idsIn(kept.text)) pending.add(id);
      }
    }
    const crossFile = validateAcrossFiles(parsed, pending);
    // One by one: a spread of a long list overflows the stack.
    for (const problem of crossFile.problems) problems.push(problem);
    if (this.options.sourceTexts) for (const problem of await checkAgainstSources(parsed, root, this.options.sourceTexts)) problems.push(problem);

    const sorted = causesFirst(problems);
    const ok = !sorted.some((p) => p.severity === 'error');
    const parts: KnowledgePart[] = [];
    for (const entry of entries) {
      if ('error' in entry) continue;
      const kept = entry.kept;
      if (ok && !kept.part) {
        const p = kept.parsed!;
        kept.part = partOf({ file: p.file, data: p.data!, origin: (key, index) => ({ file: p.file, ...locate(p, [key, index]) }) }, kept.hash);
      }
      if (kept.part) parts.push(kept.part);
      // What is kept for the next read holds the text, not its syntax tree: positions are found again if asked for.
      this.kept.set(entry.abs, { ...kept, parsed: kept.parsed && reparsing(kept.parsed) });
    }
    if (!ok) {
      return { ok: false, problems: sorted, ...(crossFile.heldBack > 0 ? { heldBack: { count: crossFile.heldBack, files: unloaded } } : {}) };
    }
    return { ok: true, parts, warnings: sorted };
  }
}

/** A parsed file that drops its syntax tree and parses its text again the first time positions are asked for. */
function reparsing(parsed: ParsedFile): ParsedFile {
  if (Object.getOwnPropertyDescriptor(parsed, 'doc')?.get) return parsed;
  let tree: { doc: ParsedFile['doc']; lines: ParsedFile['lines'] } | undefined;
  const load = () => (tree ??= syntaxTree(parsed.text));
  return {
    file: parsed.file,
    text: parsed.text,
    data: parsed.data,
    get doc() {
      return load().doc;
    },
    get lines() {
      return load().lines;
    },
  };
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
