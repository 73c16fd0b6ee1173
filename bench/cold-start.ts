/**
 * `npm run cold-start`: how long the bot takes from the moment its process is spawned to ready, in console mode (no
 * Slack tokens), where ready is the console's first line on standard error (the engine is built or read back by
 * then). For each way of starting it — `npm start` (the sources through tsx), `npm run start:built` and
 * `node dist/cluster-bot.mjs start` (the bundle) — it starts the bot with an empty data folder (no saved engine:
 * the knowledge is read and indexed), then again with the same folder (the engine saved by the first run is read
 * back). Options: --runs <n> (default 7; the median and the fastest are printed). Run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs) || 7);

if (!existsSync(path.join(ROOT, 'dist', 'cluster-bot.mjs'))) {
  process.stderr.write('cold-start: dist/cluster-bot.mjs is missing; run `npm run build` first\n');
  process.exit(2);
}

const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'info' };
for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']) delete env[key];

/** Milliseconds from spawning the command to the console's first line, or undefined if it never came. */
function timeToReady(command: string, args: readonly string[], dataDir: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...env, DATA_DIR: dataDir }, stdio: ['pipe', 'ignore', 'pipe'] });
    let log = '';
    let ready: number | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (ready === undefined && log.includes('console mode')) {
        ready = performance.now() - started;
        // End of input ends the console, which saves the engine for the next start.
        child.stdin.end();
      }
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ready === undefined) process.stderr.write(`cold-start: ${command} ${args.join(' ')} never became ready:\n${log}\n`);
      resolve(ready);
    });
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${Math.round(value)} ms`;

const ways: ReadonlyArray<{ label: string; command: string; args: readonly string[] }> = [
  { label: 'npm start (tsx)', command: 'npm', args: ['start', '--silent'] },
  { label: 'npm run start:built', command: 'npm', args: ['run', 'start:built', '--silent'] },
  { label: 'node dist/cluster-bot.mjs start', command: process.execPath, args: ['dist/cluster-bot.mjs', 'start'] },
];

process.stdout.write(`Cold start to ready, console mode, ${runs} runs each; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}\n\n`);
process.stdout.write(`${'start'.padEnd(34)}${'no saved engine: median (fastest)'.padEnd(36)}saved engine read back: median (fastest)\n`);
for (const way of ways) {
  const fresh: number[] = [];
  const saved: number[] = [];
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`cold-start: ${way.label}, run ${run + 1} of ${runs}…\n`);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cluster-bot-cold-start-'));
    try {
      const first = await timeToReady(way.command, way.args, dataDir);
      const second = await timeToReady(way.command, way.args, dataDir);
      if (first !== undefined) fresh.push(first);
      if (second !== undefined) saved.push(second);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    `${way.label.padEnd(34)}${`${ms(median(fresh))} (${ms(Math.min(...fresh))})`.padEnd(36)}${ms(median(saved))} (${ms(Math.min(...saved))})\n`,
  );
}
