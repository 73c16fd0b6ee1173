/**
 * The Bolt app for Socket Mode or HTTP mode: built, initialised (token checked with auth.test) and started, each
 * step failing with a coded error that says how to fix it. Wiring only; listeners live in `listeners/`.
 */
import { App, type Logger, webApi } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { AppDeps } from './deps.ts';
import { healthRoute } from './health.ts';
import { registerListeners } from './listeners/index.ts';
import { redactSecrets } from './logger.ts';
import { createRateLimits, type RateLimitPolicy } from './rate-limits.ts';
import { createReceiver } from './receiver.ts';

export type SlackStartErrorCode = 'not-slack-mode' | 'unreachable' | 'auth-failed' | 'listen-failed';

/** Why the Slack app could not start. */
export class SlackStartError extends Error {
  constructor(
    readonly code: SlackStartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/**
 * Web API retries: a few, within seconds. The SDK's default (ten retries over about half an hour) would answer a
 * question long after the asker gave up and hold the listener that long; a reply that cannot be posted now is
 * better told as a short failure notice. The SDK retries 5xx answers and lost connections on this schedule;
 * `{ ok: false }` and unreadable bodies are not retried. A 429 is not the SDK's to wait out (it would pause every
 * call): the client rejects it at once and `rate-limits.ts` retries that call alone.
 */
export const WEB_API_RETRY: webApi.RetryOptions = { retries: 3, factor: 3, minTimeout: 100, maxTimeout: 2000, randomize: true };

/** Per-call time limit, so a stalled connection fails (and is retried) instead of waiting out undici's five minutes. */
export const WEB_API_TIMEOUT_MS = 10_000;

export interface SlackAppOptions {
  readonly config: Config;
  readonly deps: AppDeps;
  /** Web API client options over the defaults above (tests: `retryConfig: { retries: 0 }`). */
  readonly clientOptions?: webApi.WebClientOptions;
  /** How long a rate-limited call may wait (default `RATE_LIMIT_POLICY`). */
  readonly rateLimitPolicy?: RateLimitPolicy;
}

export interface SlackApp {
  readonly app: App;
  /** Checks the token and starts listening; in HTTP mode resolves with the port. */
  start(): Promise<{ ok: true; port?: number } | { ok: false; error: SlackStartError }>;
  stop(): Promise<void>;
}

/** Builds the app for the configured mode and registers the listeners. */
export function createSlackApp(options: SlackAppOptions): SlackApp | SlackStartError {
  const { config, deps } = options;
  const slack = config.slack;
  if (config.mode === 'console' || !slack)
    return new SlackStartError('not-slack-mode', 'cluster-bot: no Slack credentials; this is console mode');
  const logger: Logger = deps.logger;
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: WEB_API_RETRY,
    timeout: WEB_API_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...options.clientOptions,
  };
  // No conversation store: listeners keep no per-conversation state (follow-ups read the thread back), and the
  // store's middleware would run on every request.
  // The logger's own level goes along: Bolt resets a given logger to `logLevel`, INFO when none, overriding LOG_LEVEL.
  const common = {
    token: slack.botToken,
    logger,
    logLevel: logger.getLevel(),
    clientOptions,
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false,
  } as const;
  const app =
    config.mode === 'socket'
      ? new App({ ...common, appToken: slack.appToken!, socketMode: true })
      : new App({
          ...common,
          receiver: createReceiver({
            signingSecret: slack.signingSecret!,
            logger,
            customRoutes: [healthRoute(deps.engine, config.mode, deps.knowledgeStatus)],
          }),
        });
  // One workspace, one token, one client: its rate limits are the app's.
  const limits = createRateLimits({ logger, ...(options.rateLimitPolicy ? { policy: options.rateLimitPolicy } : {}) });
  registerListeners(app, { ...deps, limits });
  app.error(async (error) => {
    logger.error('unhandled error in a listener:', error);
  });

  return {
    app,
    async start() {
      const secrets = [slack.botToken, slack.appToken ?? '', slack.signingSecret ?? ''];
      const reason = (error: unknown) => redactSecrets(error instanceof Error ? error.message : String(error), secrets);
      // One auth.test without retries first: Bolt's own check retries for half an hour before it gives up.
      const probe = new webApi.WebClient(slack.botToken, { ...clientOptions, retryConfig: { retries: 0 }, logger });
      try {
        await probe.auth.test();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === webApi.ErrorCode.PlatformError) {
          return {
            ok: false,
            error: new SlackStartError(
              'auth-failed',
              `cluster-bot: Slack did not accept SLACK_BOT_TOKEN (${reason(error)}); copy the Bot User OAuth Token from OAuth & Permissions, and reinstall the app if its scopes changed`,
            ),
          };
        }
        return {
          ok: false,
          error: new SlackStartError(
            'unreachable',
            `cluster-bot: could not reach the Slack Web API at ${probe.slackApiUrl} (${reason(error)}); check the network, or SLACK_API_URL if it is set`,
          ),
        };
      }
      try {
        await app.init();
      } catch (error) {
        return {
          ok: false,
          error: new SlackStartError('auth-failed', `cluster-bot: initialising the Slack app failed (${reason(error)})`),
        };
      }
      try {
        if (config.mode === 'socket') {
          await app.start();
          return { ok: true };
        }
        const server = (await app.start(config.port)) as { address(): { port: number } | string | null };
        const address = server.address();
        return { ok: true, port: typeof address === 'object' && address ? address.port : config.port };
      } catch (error) {
        const hint =
          config.mode === 'socket'
            ? 'check SLACK_APP_TOKEN (an app-level token with connections:write) and that Socket Mode is on'
            : `is port ${config.port} free? set PORT to another`;
        return {
          ok: false,
          error: new SlackStartError('listen-failed', `cluster-bot: could not start in ${config.mode} mode (${reason(error)}); ${hint}`),
        };
      }
    },
    async stop() {
      limits.close();
      await app.stop().catch(() => undefined);
    },
  };
}
