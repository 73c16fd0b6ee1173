/** Where a command writes: the process streams in real use, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process streams and environment. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The knowledge folder: an explicit argument, else `KNOWLEDGE_DIR`, else `./knowledge`. */
export function knowledgeDir(io: Io, explicit?: string): string {
  const fromEnv = io.env.KNOWLEDGE_DIR?.trim();
  return explicit ?? (fromEnv ? fromEnv : 'knowledge');
}
