/**
 * A live engine: the current engine over the knowledge folder, rebuilt when the folder changes. A reload that
 * fails validation keeps the previous engine serving and records why, so a typo can never take answers away.
 * Each question reads `current()` once and is answered wholly from that engine: a swap never mixes versions.
 */
import { watch, type FSWatcher } from 'node:fs';
import { loadKnowledge, type HeldBack } from '../knowledge/load.ts';
import type { Problem } from '../knowledge/problem.ts';
import { createEngine, type Engine } from './engine.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';

export interface ReloadStatus {
  /** When the serving knowledge was loaded. */
  readonly loadedAt: Date;
  /** How many times knowledge has been loaded successfully (1 after start). */
  readonly version: number;
  /** The last failed reload, if it is more recent than the last good one. */
  readonly failure?: { readonly at: Date; readonly problems: readonly Problem[] };
}

export type ReloadResult = { readonly ok: true; readonly engine: Engine } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface LiveEngine {
  /** The engine to answer with now. */
  current(): Engine;
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
  /** Told after every reload attempt triggered by a change. */
  readonly onReload?: (result: ReloadResult) => void;
}

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
  const load = () => loadKnowledge(options.dir, options.relativeTo === undefined ? {} : { relativeTo: options.relativeTo });
  const first = await load();
  if (!first.ok) throw new KnowledgeLoadError(first.problems, first.heldBack);

  let engine = createEngine(first.knowledge, tuning);
  let status: ReloadStatus = { loadedAt: new Date(), version: 1 };
  // Reloads run one at a time; a change during a reload schedules one more after it.
  let running: Promise<ReloadResult> | undefined;
  let again = false;

  const loadOnce = async (): Promise<ReloadResult> => {
    const result = await load();
    if (!result.ok) {
      status = { ...status, failure: { at: new Date(), problems: result.problems } };
      return { ok: false, problems: result.problems };
    }
    engine = createEngine(result.knowledge, tuning);
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

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    const debounce = options.debounceMs ?? 200;
    watcher = watch(options.dir, { recursive: true }, (_event, file) => {
      if (file && !/\.ya?ml$/i.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void reload().then((result) => options.onReload?.(result));
      }, debounce);
    });
    // A watcher error (the folder removed, say) must not crash the process; the last good knowledge keeps serving.
    watcher.on('error', () => undefined);
  }

  return {
    current: () => engine,
    status: () => status,
    reload,
    close: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
