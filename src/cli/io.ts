/** Where a command writes: the process streams in real use, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Aborted when whoever reads standard output has gone (`cluster-bot stats | head -1`): the command stops at its next
   * step and ends with its own exit code, as if it had finished. Absent in tests that capture output.
   */
  readonly closed?: AbortSignal;
}

let processStreams: { out: (text: string) => void; err: (text: string) => void; closed: AbortSignal } | undefined;

/**
 * The real process streams and environment. A write to a closed pipe (EPIPE) is not an error for a command-line tool:
 * the reader has all it wanted. Output stops quietly and `closed` is aborted, never a stack trace.
 */
export function processIo(): Io {
  if (!processStreams) {
    const controller = new AbortController();
    let outOpen = true;
    let errOpen = true;
    // Any failed write (EPIPE, EIO on a vanished terminal) means nobody reads this stream any more.
    process.stdout.on('error', () => {
      outOpen = false;
      controller.abort();
    });
    process.stderr.on('error', () => {
      errOpen = false;
    });
    processStreams = {
      out: (text) => {
        if (outOpen) process.stdout.write(text);
      },
      err: (text) => {
        if (errOpen) process.stderr.write(text);
      },
      closed: controller.signal,
    };
  }
  return { out: processStreams.out, err: processStreams.err, env: process.env, cwd: process.cwd(), closed: processStreams.closed };
}

/** True once nobody reads the command's output: long work stops here. */
export function outputClosed(io: Io): boolean {
  return io.closed?.aborted === true;
}

/** The knowledge folder: an explicit argument, else `KNOWLEDGE_DIR`, else `./knowledge`. */
export function knowledgeDir(io: Io, explicit?: string): string {
  const fromEnv = io.env.KNOWLEDGE_DIR?.trim();
  return explicit ?? (fromEnv ? fromEnv : 'knowledge');
}
