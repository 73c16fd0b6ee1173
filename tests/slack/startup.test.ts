import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { start } from '../../src/main.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import { createSeen } from '../../src/slack/dedupe.ts';
import { createLogger } from '../../src/slack/logger.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN, memoryJournal, realEngine, SIGNING_SECRET, waitFor } from './harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
});

function io(env: Record<string, string>) {
  let err = '';
  let stop: () => void = () => undefined;
  const stopSignal = new Promise<void>((resolve) => (stop = resolve));
  const cwd = mkdtempSync(path.join(tmpdir(), 'cluster-bot-start-'));
  return {
    out: () => undefined,
    err: (t: string) => {
      err += t;
    },
    env: { KNOWLEDGE_DIR: path.join(root, 'knowledge'), DATA_DIR: cwd, ...env },
    cwd,
    stdin: new PassThrough(),
    stopSignal,
    stop: () => stop(),
    stderr: () => err,
  };
}

describe('start in HTTP mode', () => {
  it('says which mode and why, serves /healthz, and stops cleanly', async () => {
    const run = io({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
    });
    const done = start(run);
    const port = await waitFor(() => /HTTP mode on port (\d+)/.exec(run.stderr())?.[1]);
    expect(run.stderr()).toContain('because SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    run.stop();
    expect(await done).toBe(0);
    expect(run.stderr()).not.toContain(BOT_TOKEN);
  });

  it('fails with a reason and a non-zero code when Slack refuses the token', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const run = io({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    expect(await start(run)).toBe(1);
    expect(run.stderr()).toMatch(/did not accept SLACK_BOT_TOKEN \(.*invalid_auth\)/);
    expect(run.stderr()).not.toContain(BOT_TOKEN);
  });

  it('fails with a reason when the knowledge does not load', async () => {
    const run = io({ KNOWLEDGE_DIR: path.join(root, 'tests/fixtures/knowledge/bad-date') });
    expect(await start(run)).toBe(1);
    expect(run.stderr()).toMatch(/knowledge .* has errors/);
  });
});

describe('the log level', () => {
  it.each(['debug', 'warn', 'error'] as const)('stays %s once Bolt has the logger (Bolt sets its own level on it)', async (level) => {
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: level,
    });
    if (!loaded.ok) throw new Error('config');
    const logger = createLogger({ level: loaded.config.logLevel, write: () => undefined });
    const engine = await realEngine();
    const app = createSlackApp({
      config: loaded.config,
      deps: { engine: () => engine, journal: memoryJournal(), logger, seen: createSeen() },
    });
    expect(app).not.toBeInstanceOf(Error);
    expect(logger.getLevel()).toBe(level);
  });
});
