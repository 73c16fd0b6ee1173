/**
 * The knowledge folder of a running bot, read again on every change. The first read (at start) runs here; later
 * reads run on a worker thread (`read-worker.ts`), which parses only the files that changed and sends back only
 * their parts: the thread answering questions spends on a reload no more than putting the parts together. When the
 * worker cannot run, reads run here, still parsing only what changed.
 */
import { Worker } from 'node:worker_threads';
import { deepFreeze } from './freeze.ts';
import { assembleKnowledge, type Knowledge, type KnowledgePart } from './knowledge.ts';
import { KnowledgeReader, type HeldBack, type LoadOptions, type LoadResult } from './load.ts';
import type { Problem } from './problem.ts';

/** Asks the worker to read: `known` maps each file to the digest of the text whose part the asker holds. */
export interface ReadRequest {
  readonly id: number;
  readonly known: Readonly<Record<string, string>>;
}

/** The worker's answer: problems, or every file with its digest, and its part when the asker does not hold it. */
export type ReadReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly warnings: readonly Problem[];
      readonly files: ReadonlyArray<{ readonly file: string; readonly hash: string; readonly part?: KnowledgePart }>;
    }
  | { readonly id: number; readonly ok: false; readonly problems: readonly Problem[]; readonly heldBack?: HeldBack };

export interface FolderOptions extends LoadOptions {
  /** Read on a worker thread after the first read (default true). */
  readonly offThread?: boolean;
}

/**
 * The worker's entry, started through a small script so the same code runs from the TypeScript sources (through
 * tsx) and from the compiled `dist/`.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

export class KnowledgeFolder {
  private readonly parts = new Map<string, KnowledgePart>();
  /** The last knowledge read, and its parts: the next is assembled from them. */
  private last: { knowledge: Knowledge; parts: readonly KnowledgePart[] } | undefined;
  private reader: KnowledgeReader | undefined;
  private worker: Worker | undefined;
  private workerFailed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (reply: ReadReply) => void; reject: (error: unknown) => void }>();

  constructor(
    private readonly dir: string,
    private readonly options: FolderOptions = {},
  ) {}

  /** Reads the folder: the knowledge, or the problems that keep it from loading. Never throws. */
  async read(): Promise<LoadResult> {
    if (this.worker) {
      try {
        return this.assemble(await this.ask());
      } catch {
        // The worker is gone: read here from now on.
        this.stopWorker();
        this.workerFailed = true;
      }
    }
    this.reader ??= new KnowledgeReader(this.dir, this.options);
    const result = await this.reader.read();
    const loaded = this.assemble(
      result.ok
        ? { id: -1, ok: true, warnings: result.warnings, files: result.parts.map((part) => ({ file: part.file, hash: part.hash, part })) }
        : { id: -1, ...result },
    );
    return loaded;
  }

  /**
   * Moves later reads to the worker thread (when `offThread` allows), which reads the folder once to fill its cache.
   * Called once the first engine is built, so the worker's first read does not compete with start-up.
   */
  useThread(): void {
    if (this.options.offThread !== false && !this.workerFailed) this.startWorker();
  }

  /**
   * Takes parts read earlier (a saved engine's) as what this folder last read: later reads send back only the files
   * whose text differs from them.
   */
  adopt(parts: readonly KnowledgePart[], knowledge: Knowledge): void {
    this.parts.clear();
    for (const part of parts) this.parts.set(part.file, part);
    this.last = { knowledge, parts };
  }

  /** The parts of the last knowledge read, in file order. */
  get lastParts(): readonly KnowledgePart[] {
    return this.last?.parts ?? [];
  }

  /** Whether reads run on the worker thread now. */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the worker. */
  close(): void {
    this.stopWorker();
    this.workerFailed = true;
  }

  private assemble(reply: ReadReply): LoadResult {
    if (!reply.ok) return { ok: false, problems: reply.problems, ...(reply.heldBack ? { heldBack: reply.heldBack } : {}) };
    const parts: KnowledgePart[] = [];
    for (const { file, hash, part } of reply.files) {
      const kept = this.parts.get(file);
      const current = part ? (kept?.hash === hash ? kept : deepFreeze(part)) : kept;
      if (!current || current.hash !== hash) throw new Error(`knowledge folder: no part for ${file}`);
      parts.push(current);
    }
    this.parts.clear();
    for (const part of parts) this.parts.set(part.file, part);
    const knowledge = assembleKnowledge(parts, this.last);
    this.last = { knowledge, parts };
    return { ok: true, knowledge, warnings: reply.warnings };
  }

  private ask(): Promise<ReadReply> {
    const id = this.nextId++;
    const known: Record<string, string> = {};
    for (const [file, part] of this.parts) known[file] = part.hash;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, known } satisfies ReadRequest);
    });
  }

  private startWorker(): void {
    if (this.worker) return;
    // Beside this module: read-worker.ts in the sources, .js in the compiled tree, .mjs beside the bundle.
    const extension = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
    const fromSources = extension === '.ts';
    const entry = new URL(`./read-worker${extension}`, import.meta.url).href;
    try {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { entry, tsx: fromSources ? import.meta.resolve('tsx/esm/api') : undefined, dir: this.dir, options: { ...this.options, offThread: undefined } },
      });
      worker.unref();
      worker.on('message', (reply: ReadReply) => {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve(reply);
      });
      const fail = (error: unknown) => {
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
        if (this.worker === worker) this.worker = undefined;
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`knowledge reader thread exited with code ${code}`)));
      this.worker = worker;
      // The worker has its own reader now: this one's copies of the files' texts are not needed.
      this.reader = undefined;
    } catch {
      this.workerFailed = true;
    }
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }
}
