import type { Io } from '../../src/cli/io.ts';

/** An Io that records what a command prints. */
export function captureIo(
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): Io & {
  stdout: () => string;
  stderr: () => string;
} {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    env,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}
