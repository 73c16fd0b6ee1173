import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { renderAnswer } from '../../src/render/blocks.ts';
import { renderHome } from '../../src/render/home.ts';
import { createEngine } from '../../src/search/engine.ts';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
const slackDir = path.join(root, 'src/slack');
const sources = readdirSync(slackDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
  .join('\n');

const registered = (kind: string) => {
  // Slash commands are routed by `commandRoute('/name', …)` rather than `app.command('/name', …)`.
  const call = kind === 'command' ? `(?:app\\.command|commandRoute)` : `app\\.${kind}`;
  return [...sources.matchAll(new RegExp(`${call}(?:<[^(]*>)?\\(\\s*('([^']+)'|/([^/]+)/)`, 'g'))].map((m) => m[2] ?? new RegExp(m[3]!));
};

/** The Events API name of each event the code listens to: `message` is subscribed only for direct messages. */
const EVENT_NAME: Record<string, string> = { message: 'message.im' };

/** Each scope and the code that needs it. */
const SCOPE_USE: Record<string, RegExp> = {
  commands: /app\.command\(|commandRoute\(/,
  'chat:write': /chat\.(postMessage|update)\(/,
  'app_mentions:read': /app\.event\('app_mention'/,
  'im:history': /app\.event\('message'|conversations\.history\(/,
  'channels:history': /conversations\.replies\(/,
  'groups:history': /conversations\.replies\(/,
};

describe('manifest.yml', () => {
  it('declares every slash command the code registers, with a usage hint', () => {
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    const inCode = registered('command');
    expect(inCode.length).toBeGreaterThan(0);
    for (const c of inCode) expect(commands).toContain(c);
    for (const c of manifest.features.slash_commands) expect(c.usage_hint).toBeTruthy();
  });

  it('subscribes to every event the code listens to, and to no other', () => {
    const inCode = registered('event').map((e) => EVENT_NAME[String(e)] ?? String(e));
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...inCode].sort());
  });

  it('enables interactivity, because the code handles actions, and every rendered action id is handled', async () => {
    const actionIds = registered('action');
    expect(actionIds.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const loaded = await loadKnowledge(path.join(root, 'knowledge'));
    if (!loaded.ok) throw new Error('knowledge');
    const engine = createEngine(loaded.knowledge);
    const rendered: Array<Record<string, any>> = [
      ...renderAnswer(engine.ask('who launched the RIT programme?'), { audience: 'private', origin: 'slash', shareable: true }).blocks,
      ...renderHome(loaded.knowledge).blocks,
    ];
    const ids = rendered.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: { action_id: string }) => e.action_id) : []));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids)
      expect(
        actionIds.some((r) => (typeof r === 'string' ? r === id : r.test(id))),
        id,
      ).toBe(true);
  });

  it('asks only for scopes the code uses, and for every scope it needs', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect([...scopes].sort()).toEqual(Object.keys(SCOPE_USE).sort());
    for (const scope of scopes) expect(SCOPE_USE[scope]!.test(sources), scope).toBe(true);
  });

  it('has a bot user, App Home with the Messages tab, and Socket Mode', () => {
    expect(manifest.display_information.name).toBeTruthy();
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
