/**
 * The configuration: one zod-validated object read from an injected environment record. Empty strings count as
 * unset. The Slack credentials present choose the mode: Socket Mode, HTTP mode, or the local console.
 */
import { z } from 'zod';

export type Mode = 'socket' | 'http' | 'console';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SlackCredentials {
  readonly botToken: string;
  readonly appToken?: string;
  readonly signingSecret?: string;
}

export interface Config {
  readonly mode: Mode;
  /** Why this mode, in words for the start-up line (names variables, never values). */
  readonly modeReason: string;
  /** Set in socket and HTTP modes. */
  readonly slack?: SlackCredentials;
  readonly port: number;
  /** Web API base URL (GovSlack, a proxy, a test fake), always ending in `/`. */
  readonly slackApiUrl?: string;
  readonly knowledgeDir: string;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  readonly logUserIds: boolean;
}

/** One bad variable: its name and what is wrong, never its value. */
export interface ConfigProblem {
  readonly code: 'invalid-variable' | 'missing-variable';
  readonly variable: string;
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const token = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}-[A-Za-z0-9-]+$`), { error: `must be ${what} (it starts with "${prefix}-")` });

const Env = z.object({
  SLACK_BOT_TOKEN: optional(token('xoxb', 'a bot token from OAuth & Permissions')),
  SLACK_APP_TOKEN: optional(token('xapp', 'an app-level token with connections:write (Basic Information → App-Level Tokens)')),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8,}$/, { error: 'must be the signing secret from Basic Information → App Credentials' }),
  ),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })),
  KNOWLEDGE_DIR: optional(z.string().trim()),
  DATA_DIR: optional(z.string().trim()),
  LOG_LEVEL: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })),
  ),
  LOG_USER_IDS: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })),
  ),
});

/** PORT is read only where it is used: HTTP mode listens on it; Socket Mode and the console never do. */
const Port = optional(
  z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' }),
);

/** Reads and checks the configuration; every bad variable is reported at once. Never throws. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ConfigResult {
  const parsed = Env.safeParse(env);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map(
        (issue): ConfigProblem => ({ code: 'invalid-variable', variable: String(issue.path[0] ?? '?'), message: issue.message }),
      );
  // The mode follows from which credentials are present, valid or not, so a missing partner is reported alongside.
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  const bot = has('SLACK_BOT_TOKEN');
  const app = has('SLACK_APP_TOKEN');
  const secret = has('SLACK_SIGNING_SECRET');
  let mode: Mode = 'console';
  let modeReason = 'no Slack credentials are set (SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)';
  if (bot && app) {
    mode = 'socket';
    modeReason = 'SLACK_APP_TOKEN and SLACK_BOT_TOKEN are set';
  } else if (bot && secret) {
    mode = 'http';
    modeReason = 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set, SLACK_APP_TOKEN is not';
  } else if (bot) {
    problems.push({
      code: 'missing-variable',
      variable: 'SLACK_APP_TOKEN',
      message:
        'SLACK_BOT_TOKEN is set, so set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) too — or unset SLACK_BOT_TOKEN for the local console',
    });
  } else if (app || secret) {
    problems.push({
      code: 'missing-variable',
      variable: 'SLACK_BOT_TOKEN',
      message: `${app ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is set but SLACK_BOT_TOKEN is not; set it (OAuth & Permissions → Bot User OAuth Token) or unset ${app ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} for the local console`,
    });
  }
  // HTTP mode, or a start that will be HTTP mode once its missing variable is set: the port must be usable.
  const listens = !app && (bot || secret);
  const port = listens ? Port.safeParse(env.PORT) : undefined;
  if (port && !port.success) {
    for (const issue of port.error.issues) problems.push({ code: 'invalid-variable', variable: 'PORT', message: issue.message });
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems: dedupe(problems) };
  const v = parsed.data;

  const apiUrl = v.SLACK_API_URL ? (v.SLACK_API_URL.endsWith('/') ? v.SLACK_API_URL : `${v.SLACK_API_URL}/`) : undefined;
  const config: Config = {
    mode,
    modeReason,
    ...(mode !== 'console' && v.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: v.SLACK_BOT_TOKEN,
            ...(mode === 'socket' ? { appToken: v.SLACK_APP_TOKEN } : {}),
            ...(v.SLACK_SIGNING_SECRET ? { signingSecret: v.SLACK_SIGNING_SECRET } : {}),
          },
        }
      : {}),
    port: (port?.success ? port.data : undefined) ?? 3000,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    knowledgeDir: v.KNOWLEDGE_DIR || './knowledge',
    logLevel: v.LOG_LEVEL ?? 'info',
    dataDir: v.DATA_DIR || './data',
    logUserIds: ['true', '1', 'yes'].includes(v.LOG_USER_IDS ?? 'false'),
  };
  return { ok: true, config };
}

/** The problems as one report: a line per variable, then how to fix. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return [
    'cluster-bot: the configuration has problems:',
    ...problems.map((p) => `  ${p.variable}: ${p.message}`),
    'Set them in the environment or in a .env file; docs/slack.md lists every variable.',
  ].join('\n');
}

/** The secrets in a configuration, for redacting from logs. */
export function secretsOf(config: Config): string[] {
  const s = config.slack;
  return [s?.botToken, s?.appToken, s?.signingSecret].filter((x): x is string => Boolean(x));
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.variable)) return false;
    seen.add(p.variable);
    return true;
  });
}
