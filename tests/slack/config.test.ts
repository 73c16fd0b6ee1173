import { describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../../src/config.ts';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-2-def';
const SECRET = 'abcdef0123456789';

describe('loadConfig', () => {
  it.each([
    [{}, 'console'],
    [{ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' }, 'console'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, 'socket'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET }, 'socket'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }, 'http'],
  ] as const)('%j → %s mode', (env, mode) => {
    const result = loadConfig(env);
    expect(result.ok && result.config.mode).toBe(mode);
  });

  it.each([
    [{ PORT: 'abc' }, 'console'],
    [{ PORT: '99999' }, 'console'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PORT: 'abc' }, 'socket'],
  ] as const)('ignores PORT where nothing listens on it: %j starts in %s mode', (env, mode) => {
    const result = loadConfig(env);
    expect(result.ok && result.config.mode).toBe(mode);
  });

  it('has defaults', () => {
    const result = loadConfig({});
    expect(result.ok && result.config).toMatchObject({
      port: 3000,
      knowledgeDir: './knowledge',
      dataDir: './data',
      logLevel: 'info',
      logUserIds: false,
    });
  });

  it('reads the optional variables', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      LOG_LEVEL: 'DEBUG',
      LOG_USER_IDS: 'true',
      KNOWLEDGE_DIR: 'k',
      DATA_DIR: 'd',
    });
    expect(result.ok && result.config).toMatchObject({
      port: 8080,
      slackApiUrl: 'http://127.0.0.1:9/api/',
      logLevel: 'debug',
      logUserIds: true,
      knowledgeDir: 'k',
      dataDir: 'd',
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: BOT }, ['SLACK_APP_TOKEN']],
    [{ SLACK_APP_TOKEN: APP }, ['SLACK_BOT_TOKEN']],
    [{ SLACK_SIGNING_SECRET: SECRET }, ['SLACK_BOT_TOKEN']],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xoxb-wrong', LOG_LEVEL: 'loud', SLACK_API_URL: 'ftp://x' },
      ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'LOG_LEVEL', 'SLACK_API_URL'],
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'no!', PORT: '99999', LOG_LEVEL: 'loud' },
      ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'LOG_LEVEL'],
    ],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: 'abc' }, ['PORT']],
    [{ SLACK_BOT_TOKEN: BOT, PORT: 'abc' }, ['SLACK_APP_TOKEN', 'PORT']],
  ] as const)('%j names %j', (env, variables) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual([...variables].sort());
    const report = formatConfigProblems(result.problems);
    for (const value of Object.values(env)) expect(report).not.toContain(value);
  });
});
