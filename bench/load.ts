/**
 * `npm run load`: cluster-bot in HTTP mode under signed slash-command and event requests, beside a minimal Bolt app
 * answering the same signed `/cluster` request with a fixed string. Each app runs in its own process against a
 * fake Slack Web API on 127.0.0.1; the load generator (autocannon) runs here. Prints throughput, latency, errors and
 * the app's memory over the run. The minimal app runs twice: with a fixed string, and with a fixed copy of a real
 * cluster-bot answer as its body, which separates the cost of sending an answer from the cost of finding it. Options: --duration <seconds> (default 60), --connections <n> (default 10),
 * --events <seconds> (default 15, 0 to skip the event phase), --pipelining <n> (requests in flight per connection,
 * default 1 as Slack sends them; more lets the generator spend less per request), --reloads <seconds> (default 0:
 * none; else cluster-bot is also driven over a copy of the knowledge for `--duration` seconds steady and as long again
 * while one knowledge file is edited every that many seconds, and the two p99s are compared), --reloads-only (only
 * that comparison).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createEngine } from '../src/search/engine.ts';
import { replyTo } from '../src/slack/replies/reply.ts';
import { commandPayload, startFakeSlack } from '../tests/slack/fake-slack.ts';

const ROOT = path.join(import.meta.dirname, '..');
const SECRET = '0123456789abcdef0123456789abcdef';
const TOKEN = 'xoxb-0000-0000-load-test-token';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    events: { type: 'string', default: '15' },
    pipelining: { type: 'string', default: '1' },
    reloads: { type: 'string', default: '0' },
    'reloads-only': { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const eventSeconds = Number(values.events);
const pipelining = Math.max(1, Number(values.pipelining) || 1);
const reloadEvery = Math.max(0, Number(values.reloads) || 0);
const reloadsOnly = values['reloads-only'] === true && reloadEvery > 0;

const sign = (body: string, timestamp: number) => `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** Starts an app process and resolves with its port once it says it listens. */
async function startApp(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port after 20 s:\n${log}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /HTTP mode on port (\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${log}`)));
  });
  child.stderr!.resume();
  return { child, port };
}

/** Resident memory of a process in MB (Linux), or NaN elsewhere. */
async function rssOf(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

function commandBody(text: string): string {
  return new URLSearchParams(commandPayload(text)).toString();
}

interface Result {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly total: number;
  readonly memory?: readonly number[];
}

/** Runs autocannon against one app for `seconds`, sampling the app's memory every five seconds. */
async function drive(
  name: string,
  port: number,
  pid: number | undefined,
  seconds: number,
  setup: () => { body: string; headers: Record<string, string> },
): Promise<Result> {
  signCommands();
  const memory: number[] = [await rssOf(pid)];
  const sampler = setInterval(() => void rssOf(pid).then((mb) => memory.push(mb)), 5_000);
  const first = setup();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    method: 'POST',
    connections,
    pipelining,
    duration: seconds,
    headers: first.headers,
    body: first.body,
    requests: [
      {
        setupRequest: (request: autocannon.Request) => {
          const next = setup();
          return { ...request, method: 'POST', body: next.body, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  clearInterval(sampler);
  memory.push(await rssOf(pid));
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    total: result.requests.total,
    memory,
  };
}

const questions = [
  'who runs the RIT programme?',
  'when was KBIC founded?',
  'partners textiles',
  'missions',
  'Yonewaza',
  'regnerative medicine partners in osaka',
];
let nth = 0;
// Slash commands are signed once per question when a run starts: a signature stays valid for five minutes, and
// signing in the load generator for every request would measure the generator, not the app.
let signedCommands: Array<{ body: string; headers: Record<string, string> }> = [];
const signCommands = () => {
  const ts = Math.floor(Date.now() / 1000);
  signedCommands = questions.map((q) => {
    const body = commandBody(q);
    return {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(body, ts),
      },
    };
  });
};
const slashCommand = () => signedCommands[nth++ % signedCommands.length]!;
/** A signed app_mention event with a new id each time. */
const mentionEvent = () => {
  const n = ++nth;
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `EvLoad${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: 'U0000ALICE',
      text: `<@UBOT0001> ${questions[n % questions.length]}`,
      ts: `1700000000.${String(n).padStart(6, '0')}`,
      channel: 'C0000GENERAL',
      event_ts: `1700000000.${String(n).padStart(6, '0')}`,
    },
  });
  const ts = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts) },
  };
};

const fake = await startFakeSlack();
const data = await mkdtemp(path.join(os.tmpdir(), 'cluster-bot-load-'));
const env = {
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  PORT: '0',
  LOG_LEVEL: 'warn',
  DATA_DIR: data,
};
delete process.env.SLACK_APP_TOKEN;

/** cluster-bot's real reply to the first question, for the minimal app to send as its fixed body. */
async function realReplyFile(): Promise<string> {
  const loaded = await loadKnowledge(path.join(ROOT, 'knowledge'));
  if (!loaded.ok) throw new Error('the knowledge does not load; run npx cluster-bot lint');
  const reply = replyTo(createEngine(loaded.knowledge), questions[0]!, { audience: 'private', origin: 'slash', shareable: true });
  const file = path.join(data, 'reply.json');
  await writeFile(file, JSON.stringify({ response_type: 'ephemeral', text: reply.message.text, blocks: reply.message.blocks }));
  return file;
}

const results: Result[] = [];
/** Steady against reloading: p99 of the same requests to the same process, with and without knowledge edits. */
let reloadRun: { steady: Result; reloading: Result; reloads: number } | undefined;
try {
  if (!reloadsOnly) {
    const minimal = await startApp(['--import', 'tsx', 'bench/minimal-bolt.ts'], env);
    results.push(await drive('minimal Bolt app, fixed string', minimal.port, minimal.child.pid, duration, slashCommand));
    minimal.child.kill();
    const sameBody = await startApp(['--import', 'tsx', 'bench/minimal-bolt.ts'], { ...env, MINIMAL_BODY_FILE: await realReplyFile() });
    results.push(await drive('minimal Bolt app, fixed answer body', sameBody.port, sameBody.child.pid, duration, slashCommand));
    sameBody.child.kill();

    const ours = await startApp(
      [...(process.env.LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`] : []), 'bin/cluster-bot.js', 'start'],
      env,
    );
    results.push(await drive('cluster-bot, /cluster question', ours.port, ours.child.pid, duration, slashCommand));
    if (eventSeconds > 0) results.push(await drive('cluster-bot, app_mention event', ours.port, ours.child.pid, eventSeconds, mentionEvent));
    ours.child.kill('SIGINT');
    await new Promise((resolve) => ours.child.once('exit', resolve));
  }
  if (reloadEvery > 0) reloadRun = await reloadComparison();
} finally {
  await fake.close();
  await rm(data, { recursive: true, force: true });
}

/**
 * cluster-bot over a copy of the knowledge, driven for `duration` seconds as it is, then as long again while a fact in
 * one file is edited every `reloadEvery` seconds (the bot reloads on its own, as in production).
 */
async function reloadComparison(): Promise<{ steady: Result; reloading: Result; reloads: number }> {
  const knowledge = path.join(data, 'knowledge');
  await cp(path.join(ROOT, 'knowledge'), knowledge, { recursive: true });
  const file = path.join(knowledge, 'eccp', 'organisations.yml');
  const original = await readFile(file, 'utf8');
  const app = await startApp(['bin/cluster-bot.js', 'start'], { ...env, KNOWLEDGE_DIR: knowledge });
  const version = async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    return Number(((await res.json()) as { knowledge?: { version?: number } }).knowledge?.version ?? Number.NaN);
  };
  try {
    const steady = await drive('cluster-bot, steady', app.port, app.child.pid, duration, slashCommand);
    const before = await version();
    let edit = 0;
    const editing = setInterval(() => {
      edit++;
      void writeFile(file, original.replace(/(\n {6}- text: [^\n]*?)\.(\n)/, `$1 (revision ${edit}).$2`));
    }, reloadEvery * 1000);
    const reloading = await drive(`cluster-bot, a reload every ${reloadEvery} s`, app.port, app.child.pid, duration, slashCommand);
    clearInterval(editing);
    const reloads = (await version()) - before;
    return { steady, reloading, reloads };
  } finally {
    app.child.kill('SIGINT');
    await new Promise((resolve) => app.child.once('exit', resolve));
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `\nLoad: ${connections} connections, ${duration} s per slash-command run; Node ${process.version}, ${os.cpus().length} × ${cpu} (load generator included)\n\n`,
);
process.stdout.write(
  `${'target'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}${'requests'.padStart(11)}   memory MB (start → end)\n`,
);
for (const r of [...results, ...(reloadRun ? [reloadRun.steady, reloadRun.reloading] : [])]) {
  const mem =
    r.memory && r.memory.length > 1
      ? `${r.memory[0]!.toFixed(0)} → ${r.memory[r.memory.length - 1]!.toFixed(0)} (max ${Math.max(...r.memory).toFixed(0)})`
      : '';
  process.stdout.write(
    `${r.name.padEnd(34)}${r.rps.toFixed(0).padStart(9)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${String(r.errors).padStart(9)}${String(r.total).padStart(11)}   ${mem}\n`,
  );
}
const [baseline, sameBody, slash] = results;
if (baseline && sameBody && slash) {
  process.stdout.write(
    `\ncluster-bot serves ${((slash.rps / baseline.rps) * 100).toFixed(0)}% of the minimal Bolt app's slash-command throughput ` +
      `(${((slash.rps / sameBody.rps) * 100).toFixed(0)}% when the minimal app sends a body as large as a real answer).\n`,
  );
}
if (reloadRun) {
  const { steady, reloading, reloads } = reloadRun;
  process.stdout.write(
    `\nDuring reloads (${reloads} in ${duration} s, one file edited every ${reloadEvery} s): p99 ${reloading.p99} ms against ${steady.p99} ms steady ` +
      `(${(reloading.p99 / Math.max(steady.p99, 1e-9)).toFixed(2)}×); p50 ${reloading.p50} against ${steady.p50} ms.\n`,
  );
}
