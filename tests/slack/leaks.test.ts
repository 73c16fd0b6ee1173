/**
 * Tokens and the signing secret never leave the process: the app runs at debug level, is made to fail in every way
 * we know (at start-up through the entry point, while running as the real command in a child process), and
 * everything it prints, posts and replies is searched for them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { start } from '../../src/main.ts';
import { WEB_API_RETRY } from '../../src/slack/app.ts';
import { BOT_USER_ID, startFakeSlack, type Fault, type FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET, sendCommand, sendEvent, sendSigned, waitFor, type Harness } from './harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** A small knowledge folder: the checks here are about failing, and it loads in a fraction of the real one's time. */
const KNOWLEDGE = path.join(root, 'tests/fixtures/engine');
/** Every form a secret could leak in: whole, and the token without its well-known prefix. */
const SECRETS = [BOT_TOKEN, BOT_TOKEN.replace(/^xoxb-/, ''), SIGNING_SECRET];

interface Child {
  output(): string;
  readonly exit: Promise<number | null>;
  stop(): void;
}

/** Starts `cluster-bot start` with only the given environment (and PATH), capturing standard output and error. */
function startChild(env: Record<string, string>): Child {
  const cwd = mkdtempSync(path.join(tmpdir(), 'cluster-bot-leaks-'));
  const child = spawn(process.execPath, [path.join(root, 'bin/cluster-bot.js'), 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: KNOWLEDGE, DATA_DIR: cwd, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { output: () => output, exit, stop: () => child.kill('SIGTERM') };
}

function expectNoSecrets(what: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${what} contains a secret`).not.toContain(secret);
}

const slackEnv = (slack: FakeSlack) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  PORT: '0',
});

describe('secrets stay out of logs, errors and replies', () => {
  const fakes: FakeSlack[] = [];
  const fake = async () => {
    const slack = await startFakeSlack();
    fakes.push(slack);
    return slack;
  };
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  describe('when the start fails', () => {
    const cases: Array<[string, (slack: FakeSlack) => Record<string, string>]> = [
      [
        'Slack refuses the token',
        (s) => {
          s.failNext('auth.test', 'invalid_auth');
          return slackEnv(s);
        },
      ],
      [
        'auth.test answers 500',
        (s) => {
          s.fault('auth.test', { kind: 'server-error' });
          return slackEnv(s);
        },
      ],
      [
        'auth.test answers unreadable JSON',
        (s) => {
          s.fault('auth.test', { kind: 'malformed-json' });
          return slackEnv(s);
        },
      ],
      [
        'auth.test loses its connection',
        (s) => {
          s.fault('auth.test', { kind: 'closed-connection' });
          return slackEnv(s);
        },
      ],
      ['Slack cannot be reached', (s) => ({ ...slackEnv(s), SLACK_API_URL: 'http://127.0.0.1:9/api/' })],
      [
        'the configuration is wrong',
        () => ({ SLACK_BOT_TOKEN: BOT_TOKEN.replace('xoxb', 'xoxp'), SLACK_SIGNING_SECRET: `${SIGNING_SECRET}!`, PORT: 'eighty' }),
      ],
    ];

    // In-process, through the real entry point, with the process's own streams watched as well.
    it.each(cases)('%s: exits non-zero with a reason and no secret', async (what, setUp) => {
      const env = setUp(await fake());
      const cwd = mkdtempSync(path.join(tmpdir(), 'cluster-bot-leaks-'));
      let output = '';
      const capture = (chunk: unknown) => {
        output += String(chunk);
        return true;
      };
      const streams = [
        vi.spyOn(process.stdout, 'write').mockImplementation(capture),
        vi.spyOn(process.stderr, 'write').mockImplementation(capture),
      ];
      try {
        const code = await start({
          out: capture,
          err: capture,
          env: { KNOWLEDGE_DIR: KNOWLEDGE, DATA_DIR: cwd, LOG_LEVEL: 'debug', ...env },
          cwd,
          stdin: Readable.from([]),
          watchKnowledge: false,
        });
        expect(code).not.toBe(0);
      } finally {
        for (const stream of streams) stream.mockRestore();
      }
      expect(output).toMatch(/cluster-bot: /);
      expectNoSecrets(what, output);
    });
  });

  describe('while running', () => {
    let slack: FakeSlack;
    let child: Child;
    let h: Harness;
    const replies: string[] = [];

    beforeAll(async () => {
      slack = await fake();
      child = startChild(slackEnv(slack));
      const port = await waitFor(() => /HTTP mode on port (\d+)/.exec(child.output())?.[1], 15_000);
      h = { base: `http://127.0.0.1:${port}`, slack } as Harness;
    });
    afterAll(() => {
      child?.stop();
    });

    it('answers, fails and refuses without printing, posting or replying a secret', async () => {
      const ack = async (res: Response) => replies.push(await res.text());
      for (const text of ['what is KBIC?', 'help', 'sources', 'frobnicate']) {
        const { res } = await sendCommand(h, text);
        expect(res.status).toBe(200);
        await ack(res);
      }
      const faults: Fault[] = [
        { kind: 'server-error' },
        { kind: 'malformed-json' },
        { kind: 'closed-connection' },
        { kind: 'rate-limited', retryAfter: 0 },
      ];
      let ts = 1_860_000_000;
      let round = 0;
      for (const fault of faults) {
        // Every attempt fails (the SDK's retries, then the final error); the failure notice after them gets through.
        const times = fault.kind === 'malformed-json' ? 1 : WEB_API_RETRY.retries! + 1;
        slack.fault('chat.postMessage', fault, times);
        slack.fault('views.publish', fault, times);
        const event = {
          type: 'app_mention',
          user: 'U0000ALICE',
          text: `<@${BOT_USER_ID}> what is KBIC?`,
          ts: `${++ts}.0001`,
          channel: 'C0000GENERAL',
          event_ts: `${ts}.0001`,
        };
        await ack(await sendEvent(h, event));
        await ack(
          await sendEvent(h, { type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: `${ts}.0002` }),
        );
        const published = ++round;
        await waitFor(
          () =>
            child.output().includes(`answering C0000GENERAL:${event.ts} failed`) &&
            child.output().split('publishing App Home failed').length > published,
          10_000,
        );
        await waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.thread_ts === event.ts && !c.fault));
        slack.clearFaults();
      }
      await ack(await sendSigned(h, '{"type":"event_callback",', 'application/json'));
      await ack(await sendSigned(h, '{}', 'application/json', { secret: 'a-forged-secret' }));
      await ack(await sendSigned(h, '{}', 'application/json', { timestamp: Math.floor(Date.now() / 1000) + 3600 }));
      await ack(await sendSigned(h, JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'));

      const output = child.output();
      // The failures did happen, at debug level, with the SDK tracing its requests: the search below means something.
      expect(output.match(/ ERROR \[/g)?.length ?? 0).toBeGreaterThanOrEqual(faults.length * 2);
      expect(output).toContain('http request headers');
      expectNoSecrets('the output', output);
      expectNoSecrets('the acknowledgements', replies.join('\n'));
      // auth.test carries the token to Slack, where it belongs; what is shown to people must not.
      expectNoSecrets('the messages and views posted', JSON.stringify(slack.calls.filter((c) => c.method !== 'auth.test')));
      expectNoSecrets('the response_url posts', JSON.stringify(slack.responses));
    });
  });
});
