/**
 * The entry point: wires configuration → knowledge → engine → journal → the console or the Slack app, and starts it.
 * A failed start says why and returns a non-zero exit code.
 */
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import type { Io } from './cli/io.ts';
import { formatConfigProblems, loadConfig, secretsOf } from './config.ts';
import { createJournal } from './journal/journal.ts';
import { heldBackNote } from './knowledge/load.ts';
import { formatProblem } from './knowledge/problem.ts';
import { reloadNotice } from './render/status.ts';
import { terminalSafe } from './render/terminal.ts';
import { createLiveEngine, KnowledgeLoadError, type LiveEngine, type ReloadResult } from './search/live.ts';
import { createSlackApp, SlackStartError } from './slack/app.ts';
import { runConsole } from './slack/console.ts';
import { createSeen } from './slack/dedupe.ts';
import { createLogger } from './slack/logger.ts';

export interface StartIo extends Io {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** The terminal the console's line editor draws on (its width); by default it writes through `out`. */
  readonly stdout?: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  readonly stopSignal?: Promise<unknown>;
  /** Watch the knowledge folder and reload on change (default true). */
  readonly watchKnowledge?: boolean;
}

/** Where start-up went: time since the process started (modules, configuration, Slack included), and the first load. */
function startupNote(live: LiveEngine): string {
  const { readMs, indexMs, fromSnapshot } = live.started;
  const where = fromSnapshot
    ? `engine read back from ${SNAPSHOT_FILE} in ${Math.round(readMs)} ms`
    : `knowledge read in ${Math.round(readMs)} ms, index built in ${Math.round(indexMs)} ms`;
  return `ready ${Math.round(performance.now())} ms after the process started (${where})`;
}

/** The saved engine, in the data folder beside the journal. */
const SNAPSHOT_FILE = 'engine.snapshot';

/** Starts cluster-bot in the mode the environment selects; resolves with the exit code. */
export async function start(io: StartIo): Promise<number> {
  // Values already in the environment win over `.env`, as dotenv does by default.
  const fromFile: Record<string, string> = {};
  loadDotenv({ path: path.join(io.cwd, '.env'), processEnv: fromFile, quiet: true });
  const loaded = loadConfig({ ...fromFile, ...io.env });
  if (!loaded.ok) {
    io.err(`${formatConfigProblems(loaded.problems)}\n`);
    return 2;
  }
  const config = loaded.config;
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), write: io.err });

  const journal = createJournal({
    dir: path.resolve(io.cwd, config.dataDir),
    logUserIds: config.logUserIds,
    onError: (error) => logger.error('writing the journal failed:', error),
  });

  let live: LiveEngine | undefined;
  // A reload is logged once: its problems with their lines when it fails, a short line when it succeeds.
  const reported = (result: ReloadResult) => {
    if (result.ok) {
      logger.info(`knowledge reloaded (version ${live!.status().version})`);
      return;
    }
    logger.error(reloadNotice(live!.status()) ?? 'knowledge reload failed');
    for (const problem of result.problems) logger.error(formatProblem(problem));
    if (result.heldBack) logger.error(heldBackNote(result.heldBack));
  };
  try {
    live = await createLiveEngine({
      dir: path.resolve(io.cwd, config.knowledgeDir),
      relativeTo: io.cwd,
      snapshot: path.resolve(io.cwd, config.dataDir, SNAPSHOT_FILE),
      watch: io.watchKnowledge ?? true,
      onReload: reported,
    });
  } catch (error) {
    if (!(error instanceof KnowledgeLoadError)) throw error;
    for (const problem of error.problems) io.err(`${terminalSafe(formatProblem(problem))}\n`);
    if (error.heldBack) io.err(`${terminalSafe(heldBackNote(error.heldBack))}\n`);
    io.err(`cluster-bot: the knowledge in ${config.knowledgeDir} has errors; fix them (see \`npx cluster-bot lint\`) and start again\n`);
    return 1;
  }
  const onHangUp = () => void live.reload().then(reported);
  process.on('SIGHUP', onHangUp);
  const engine = () => live.current();
  const knowledgeStatus = () => live.status();
  const close = async () => {
    process.off('SIGHUP', onHangUp);
    live.close();
    // The engine as last reloaded, for the next start to read back.
    await live.save();
    await journal.flush();
  };

  if (config.mode === 'console') {
    const interactive = io.stdin.isTTY === true;
    io.err(
      `cluster-bot: console mode, because ${config.modeReason}. ${interactive ? 'Type a question or /cluster help; "more" pages, "clear" clears the screen, "quit" or Ctrl-D ends.' : 'Answering standard input line by line.'}\n`,
    );
    // The console ends when the process is asked to stop, or when nobody reads its answers any more.
    const stop = new AbortController();
    // A hang-up in the console is the terminal going away (a closed window, a dropped ssh session): it ends the console
    // as it ends a shell. The folder is still watched, so edits are picked up without SIGHUP's reload.
    process.off('SIGHUP', onHangUp);
    const hangUp = () => stop.abort();
    process.on('SIGHUP', hangUp);
    stop.signal.addEventListener('abort', () => process.off('SIGHUP', hangUp), { once: true });
    // Started through npm, the hang-up may reach npm and not the bot: the terminal going away shows as its input
    // failing (EIO) or ending, and that ends the console too. (A terminal in raw mode reads Ctrl-D as a key, so its
    // input ends only when it is gone; piped input ends before its last lines are answered, and is left to readline.)
    if (interactive) {
      io.stdin.once('error', () => stop.abort());
      io.stdin.once('end', () => stop.abort());
    }
    void io.stopSignal?.then(() => stop.abort());
    if (io.closed?.aborted) stop.abort();
    io.closed?.addEventListener('abort', () => stop.abort(), { once: true });
    await runConsole({
      engine,
      journal,
      input: io.stdin,
      write: io.out,
      interactive,
      stop: stop.signal,
      ...(interactive && io.stdout ? { output: io.stdout } : {}),
    });
    await close();
    return 0;
  }

  const slack = createSlackApp({ config, deps: { engine, knowledgeStatus, journal, logger, seen: createSeen() } });
  if (slack instanceof SlackStartError) {
    io.err(`${slack.message}\n`);
    await close();
    return 1;
  }
  const stop = io.stopSignal ?? new Promise<never>(() => undefined);
  const started = await Promise.race([slack.start(), stop.then(() => 'stopped' as const)]);
  if (started === 'stopped') {
    await slack.stop();
    await close();
    io.err('cluster-bot: stopped before Slack was connected\n');
    return 1;
  }
  if (!started.ok) {
    io.err(`${started.error.message}\n`);
    await close();
    return 1;
  }
  io.err(`cluster-bot: ${config.mode === 'socket' ? 'Socket Mode' : `HTTP mode on port ${started.port}`}, because ${config.modeReason}.\n`);
  logger.info(startupNote(live));
  await stop;
  await slack.stop();
  await close();
  return 0;
}
