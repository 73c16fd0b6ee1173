/**
 * The engine saved to disk, so that a start over the same knowledge with the same code reads it back (tens of
 * milliseconds) instead of parsing the YAML and building the index (most of a cold start). A saved engine is used only
 * when everything it was built from is the same: the text of every knowledge file, the engine's code and the
 * libraries that shape the index, the search settings, and node's serialization format; anything else, or any error
 * reading it, and the engine is built afresh. It is written to a temporary file and renamed into place, so a crash
 * never leaves half a snapshot.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { deepFreeze } from '../knowledge/freeze.ts';
import { assembleKnowledge, type Knowledge, type KnowledgePart } from '../knowledge/knowledge.ts';
import type { Problem } from '../knowledge/problem.ts';
import type { SearchTuning } from './defaults.ts';
import { engineOver, type Engine } from './engine.ts';
import { termsOfToken, type SearchIndex } from './index.ts';
import { Lexicon, termTree, type Postings } from './postings.ts';
import { fold } from './text.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Bumped when what is saved changes shape. */
const FORMAT = 1;
const MAGIC = 'cluster-bot engine snapshot\n';

/** What a saved engine holds: its knowledge as parts, the load's warnings, and the index without what is rebuilt. */
interface Saved {
  readonly key: string;
  readonly parts: readonly KnowledgePart[];
  readonly warnings: readonly Problem[];
  readonly lexicon: ReturnType<Lexicon['save']>;
  readonly index: Omit<SearchIndex, 'knowledge' | 'tuning' | 'postings' | 'vocabulary' | 'names'> & {
    readonly postings: Omit<Postings, 'lexicon' | 'tree'>;
    readonly vocabulary: Omit<Vocabulary, 'lexicon'>;
    readonly names: Omit<SearchIndex['names'], 'words'>;
  };
}

/** A saved engine read back: the engine, the parts it was built from, and the load's warnings. */
export interface Restored {
  readonly engine: Engine;
  readonly parts: readonly KnowledgePart[];
  readonly warnings: readonly Problem[];
}

let fingerprint: string | undefined;

/**
 * A digest of the code the index is built by: every module of the tree this one belongs to (the sources, the
 * compiled tree, or the bundle beside it) and the versions of the libraries that shape the index.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha1');
  const here = fileURLToPath(import.meta.url);
  // The bundle is the code: itself and the worker's bundle beside it. Otherwise the tree of modules this one is in.
  const bundled = here.endsWith('.mjs');
  const root = bundled || path.basename(path.dirname(here)) !== 'search' ? path.dirname(here) : path.dirname(path.dirname(here));
  const files = readdirSync(root, { recursive: !bundled, withFileTypes: true })
    .filter((e) => e.isFile() && (bundled ? e.name.endsWith('.mjs') : /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(file.slice(root.length)).update(readFileSync(file));
  const require = createRequire(import.meta.url);
  for (const library of ['minisearch', 'stemmer']) {
    try {
      hash.update(`${library}@${(require(`${library}/package.json`) as { version: string }).version}`);
    } catch {
      hash.update(`${library}@bundled`);
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The key a saved engine must carry to be used for these files and settings. */
export function snapshotKey(files: ReadonlyArray<{ file: string; hash: string }>, tuning: SearchTuning): string {
  return createHash('sha1')
    .update(JSON.stringify({ format: FORMAT, node: process.versions.v8, code: codeFingerprint(), tuning, files: files.map((f) => [f.file, f.hash]) }))
    .digest('hex');
}

/** Saves an engine and the parts and warnings of the knowledge it was built from. */
export async function saveSnapshot(file: string, key: string, engine: Engine, parts: readonly KnowledgePart[], warnings: readonly Problem[]): Promise<void> {
  const { knowledge: _knowledge, tuning: _tuning, postings, vocabulary, names, ...rest } = engine.index;
  const { lexicon, tree: _tree, ...savedPostings } = postings;
  const { lexicon: _same, ...savedVocabulary } = vocabulary;
  const { words: _words, ...savedNames } = names;
  const saved: Saved = {
    key,
    parts,
    warnings,
    lexicon: lexicon.save(),
    index: { ...rest, postings: savedPostings, vocabulary: savedVocabulary, names: savedNames },
  };
  const body = serialize(saved);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, Buffer.concat([Buffer.from(`${MAGIC}${key}\n`), body]));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The saved engine in `file` if it carries `key`; undefined when there is none, it is another's, or it cannot be read. */
export async function loadSnapshot(file: string, key: string, tuning: SearchTuning): Promise<Restored | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined;
  }
  const header = `${MAGIC}${key}\n`;
  if (data.length < header.length || data.subarray(0, header.length).toString() !== header) return undefined;
  try {
    const saved = deserialize(data.subarray(header.length)) as Saved;
    if (saved.key !== key) return undefined;
    return restore(saved, tuning);
  } catch {
    return undefined;
  }
}

function restore(saved: Saved, tuning: SearchTuning): Restored {
  const parts = saved.parts.map((part) => deepFreeze(part));
  const knowledge: Knowledge = assembleKnowledge(parts);
  const lexicon = Lexicon.restore(saved.lexicon, termsOfToken, fold);
  const { postings, vocabulary, names, ...rest } = saved.index;
  const index: SearchIndex = Object.freeze({
    ...rest,
    knowledge,
    tuning,
    postings: Object.freeze({ ...postings, lexicon, tree: termTree(lexicon, postings.first, postings.firstAt, rest.rank) }),
    vocabulary: Object.freeze({ ...vocabulary, lexicon }),
    names: { ...names, words: new Map() },
  });
  return { engine: engineOver(index), parts, warnings: saved.warnings };
}

