/**
 * The thread that reads the knowledge folder for a running bot: it parses only what changed since its last read,
 * checks every file, and answers with the problems, or with the parts of the files whose text the asker does not
 * hold yet. Parsing YAML and checking it never holds up the thread that answers questions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeReader, type LoadOptions } from './load.ts';
import type { ReadRequest, ReadReply } from './folder.ts';

const { dir, options } = workerData as { dir: string; options: LoadOptions };
const reader = new KnowledgeReader(dir, options);
const port = parentPort!;

// Reads run one after the other; the first, on start, fills the reader's cache before any reload asks.
let queue: Promise<unknown> = reader.read();

port.on('message', (request: ReadRequest) => {
  queue = queue.then(async () => {
    const result = await reader.read();
    const reply: ReadReply = result.ok
      ? {
          id: request.id,
          ok: true,
          warnings: result.warnings,
          files: result.parts.map((part) => (request.known[part.file] === part.hash ? { file: part.file, hash: part.hash } : { file: part.file, hash: part.hash, part })),
        }
      : { id: request.id, ...result };
    port.postMessage(reply);
  });
});
