/**
 * `cluster-bot start`: runs the bot in the mode the environment selects (Socket Mode, HTTP mode or the console).
 */
import { start } from '../main.ts';
import type { Io } from './io.ts';

export async function startCommand(_args: string[], io: Io): Promise<number> {
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return start({ ...io, stdin: process.stdin, stdout: process.stdout, stopSignal });
}
