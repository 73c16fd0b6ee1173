/**
 * A live engine: the current engine over the knowledge folder, updated when the folder changes. A reload reads the
 * folder on a worker thread (parsing only the files that changed), then updates the engine by document, in slices
 * of a few milliseconds, while the current engine goes on answering; the new engine is swapped in whole. A reload
 * that fails validation keeps the previous engine serving and records why, so a typo can never take answers away.
 * Each question reads `current()` once and is answered wholly from that engine: a swap never mixes versions.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { KnowledgeFolder } from '../knowledge/folder.ts';
import { folderDigest, type HeldBack } from '../knowledge/load.ts';
import type { Problem } from '../knowledge/problem.ts';
import { createEngine, engineSteps, type Engine } from './engine.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { runInSlices } from './slices.ts';
import { loadSnapshot, saveSnapshot, snapshotKey } from './snapshot.ts';

export interface ReloadStatus {
  /** When the serving knowledge was loaded. */
  readonly loadedAt: Date;
  /** How many times knowledge has been loaded successfully (1 after start). */
  readonly version: number;
  /** The last failed reload, if it is more recent than the last good one. */
  readonly failure?: { readonly at: Date; readonly problems: readonly Problem[] };
}

export type ReloadResult =
  | { readonly ok: true; readonly engine: Engine }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly heldBack?: HeldBack };

export interface LiveEngine {
  /** The engine to answer with now. */
  current(): Engine;
  /**
   * How long the first load took, in milliseconds: reading and checking the folder, then building the index; or, from
   * a saved engine, reading the files' digests and the saved engine back.
   */
  readonly started: { readonly readMs: number; readonly indexMs: number; readonly fromSnapshot: boolean };
  /** Saves the current engine to the snapshot file, if there is one and it holds another version. */
  save(): Promise<void>;
  status(): ReloadStatus;
  /** Loads the folder again; on success swaps the engine in, on failure keeps the old one. */
  reload(): Promise<ReloadResult>;
  /** Stops watching. */
  close(): void;
}

export interface LiveEngineOptions {
  readonly dir: string;
  /** The folder problem paths are written relative to (see `loadKnowledge`). */
  readonly relativeTo?: string;
  /** Watch the folder and reload after changes (default true). */
  readonly watch?: boolean;
  /** Quiet time after the last change before reloading, so a burst of saves reloads once. */
  readonly debounceMs?: number;
  readonly tuning?: SearchTuning;
  /** Read the folder on a worker thread after the first load (default true). */
  readonly offThread?: boolean;
  /**
   * A file to save the engine to, and to read it back from at start when the knowledge files, the code and the
   * settings are the same as when it was saved (see `snapshot.ts`).
   */
  readonly snapshot?: string;
  /** Told after every reload attempt triggered by a change. */
  readonly onReload?: (result: ReloadResult) => void;
}

/** How long after start the reader thread starts: start-up (Slack's handshake, the first requests) goes first. */
const THREAD_DELAY_MS = 1000;

/** Errors from starting a live engine carry the problems that kept the first load from succeeding. */
export class KnowledgeLoadError extends Error {
  readonly code = 'knowledge-invalid';
  constructor(
    readonly problems: readonly Problem[],
    readonly heldBack?: HeldBack,
  ) {
    super(`the knowledge has ${problems.filter((p) => p.severity === 'error').length} error(s); run \`npx cluster-bot lint\``);
    this.name = 'KnowledgeLoadError';
  }
}

/** Loads the folder and starts serving; throws `KnowledgeLoadError` when the first load fails. */
export async function createLiveEngine(options: LiveEngineOptions): Promise<LiveEngine> {
  const tuning = options.tuning ?? SEARCH_DEFAULTS;
  const folder = new KnowledgeFolder(options.dir, {
    ...(options.relativeTo === undefined ? {} : { relativeTo: options.relativeTo }),
    offThread: options.offThread !== false && options.watch !== false,
  });
  const load = () => folder.read();

  // Reloads run one at a time; a change during a reload schedules one more after it.
  let running: Promise<ReloadResult> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let ready = false;
  let savedWhileLoading = false;
  // The watcher starts before the first load, so a save made while loading is not missed: it reloads at once after.
  const watcher =
    options.watch === false
      ? undefined
      : watchFolders(options.dir, () => {
          if (ready) schedule();
          else savedWhileLoading = true;
        });
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void reload().then((result) => options.onReload?.(result));
    }, options.debounceMs ?? 200);
  };

  const readStart = performance.now();
  // A saved engine of the same knowledge, code and settings is read back instead of reading and indexing the folder.
  const digest = options.snapshot ? await folderDigest(options.dir, options.relativeTo === undefined ? {} : { relativeTo: options.relativeTo }) : undefined;
  const key = digest ? snapshotKey(digest, tuning) : undefined;
  const restored = options.snapshot && key ? await loadSnapshot(options.snapshot, key, tuning) : undefined;
  let engine: Engine;
  let readMs: number;
  let indexMs: number;
  let savedEngine: Engine | undefined;
  if (restored) {
    engine = restored.engine;
    folder.adopt(restored.parts, engine.knowledge);
    readMs = performance.now() - readStart;
    indexMs = 0;
    savedEngine = engine;
  } else {
    const first = await load();
    readMs = performance.now() - readStart;
    if (!first.ok) {
      watcher?.close();
      folder.close();
      throw new KnowledgeLoadError(first.problems, first.heldBack);
    }
    const indexStart = performance.now();
    engine = createEngine(first.knowledge, tuning);
    indexMs = performance.now() - indexStart;
  }
  let status: ReloadStatus = { loadedAt: new Date(), version: 1 };

  /** Saves the current engine, unless the snapshot already holds it; a failure to save only costs the next start time. */
  const save = async () => {
    if (!options.snapshot || engine === savedEngine) return;
    const current = engine;
    const parts = folder.lastParts;
    try {
      await saveSnapshot(options.snapshot, snapshotKey(parts, tuning), current, parts, []);
      savedEngine = current;
    } catch {
      // The next start builds the engine from the folder.
    }
  };
  // Saved at once, before answering: the next start reads it back.
  if (!restored) await save();

  const loadOnce = async (): Promise<ReloadResult> => {
    const result = await load();
    if (!result.ok) {
      status = { ...status, failure: { at: new Date(), problems: result.problems } };
      return { ok: false, problems: result.problems, ...(result.heldBack ? { heldBack: result.heldBack } : {}) };
    }
    // The current engine answers while the new one is built from it, a few milliseconds at a time; the swap of engine
    // and status happens in one step, so no request sees one without the other.
    const next = await runInSlices(engineSteps(result.knowledge, tuning, engine));
    engine = next;
    status = { loadedAt: new Date(), version: status.version + 1 };
    return { ok: true, engine };
  };

  const reload = (): Promise<ReloadResult> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await loadOnce();
      while (again) {
        again = false;
        result = await loadOnce();
      }
      running = undefined;
      return result;
    })();
    return running;
  };
  ready = true;
  if (savedWhileLoading) schedule();
  // Later reads go to the worker thread, started once the bot can answer (its first read fills its cache).
  const thread = setTimeout(() => folder.useThread(), THREAD_DELAY_MS);
  thread.unref();

  return {
    current: () => engine,
    started: { readMs, indexMs, fromSnapshot: restored !== undefined },
    save,
    status: () => status,
    reload,
    close: () => {
      ready = false;
      clearTimeout(timer);
      clearTimeout(thread);
      watcher?.close();
      folder.close();
    },
  };
}

/**
 * Watches every folder of the knowledge tree (node's `fs.watch`, one per folder, not recursive) and calls `changed`
 * when a YAML file in one of them is written, created, renamed or deleted, or a folder comes or goes. A folder watch
 * sees its entries by name, whatever inode they point to, so every way of saving is seen every time: in place,
 * through a temporary file renamed over the original (editors, `git checkout`, deploy tools), deleted and created
 * again. A watch on the file itself — what node's recursive `fs.watch` sets up on Linux — stays on the replaced file
 * and misses every later save; chokidar drops a second change to a path within 50 ms of the first.
 */
function watchFolders(root: string, changed: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  // Keeps one watch per folder that exists now; true when the set of folders changed.
  const sync = (): boolean => {
    if (closed) return false;
    const folders = new Set([root, ...subfolders(root)]);
    let moved = false;
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: true }, (event, name) => {
          const entry = name === null ? '' : String(name);
          if (YAML.test(entry)) {
            if (event === 'rename') sync();
            changed();
          } else if (event === 'rename' && sync()) {
            changed();
          }
        });
        // A folder removed under its watch (or any watch error) must not crash the process: drop the watch.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
        moved = true;
      } catch {
        // The folder went away between listing and watching: nothing to watch.
      }
    }
    for (const [folder, watcher] of watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
      moved = true;
    }
    return moved;
  };
  sync();
  return {
    close: () => {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** Every folder below `root` (not `root` itself); none when it cannot be read. */
function subfolders(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

const YAML = /\.ya?ml$/i;
