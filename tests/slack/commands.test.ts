import { firstAnswerTitle } from '../helpers/answers.ts';
import { describe, expect, it } from 'vitest';
import { buttonsOf, displayedText, sendCommand, sendSigned, useHarness, type Harness } from './harness.ts';

let h: Harness;
useHarness((started) => {
  h = started;
});

/** Runs `/cluster <text>` and returns the ephemeral reply posted to its response_url. */
async function command(text: string) {
  const { res, reply } = await sendCommand(h, text);
  expect(res.status).toBe(200);
  // The reply travels in the acknowledgement: nothing goes to the response URL.
  expect(h.slack.responses).toEqual([]);
  return reply!;
}

const allText = (reply: { blocks: Array<Record<string, any>> }) => JSON.stringify(reply.blocks);
const contexts = (reply: { blocks: Array<Record<string, any>> }) =>
  reply.blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements.map((e: { text: string }) => e.text));

describe('HTTP mode basics', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await sendSigned(h, JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('c-123');
  });

  it('serves GET /healthz with the knowledge figures', async () => {
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; knowledge: { facts: number; sources: number; entities: Record<string, number> } };
    expect(body.ok).toBe(true);
    expect(body.knowledge.sources).toBe(h.knowledge.sources.size);
    expect(body.knowledge.facts).toBeGreaterThan(0);
    expect(body.knowledge.entities.organisation).toBeGreaterThan(0);
  });
});

describe('/cluster', () => {
  it('answers a question ephemerally, with cited snippets, source dates and a Share button', async () => {
    const programme = h.knowledge.entities.find((e) => e.kind === 'programme')!;
    const reply = await command(`what is the ${programme.name}?`);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    const shorts = [...h.knowledge.sources.values()].map((s) => s.short);
    const citations = contexts(reply).filter((t) => shorts.some((s) => t.includes(s)));
    expect(citations.length).toBeGreaterThan(0);
    expect(citations.every((t) => /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|\b\d{4}\b/.test(t))).toBe(true);
    const ids = buttonsOf(reply).map((b) => b.action_id);
    expect(ids).toContain('share_answer');
    expect(ids).toContain('feedback_helpful');
    expect(ids).toContain('show_source');
    expect(h.journal.entries.some((e) => e.type === 'question' && e.channelType === 'slash')).toBe(true);
  });

  it("shows a fact's conflict note beside its citation", async () => {
    const entity = h.knowledge.entities.find((e) => e.facts[0]?.conflict)!;
    const note = entity.facts[0]!.conflict!;
    const reply = await command(entity.name);
    expect(contexts(reply).some((t: string) => t.startsWith(`Conflict: ${note.slice(0, 20)}`))).toBe(true);
  });

  it.each(['', 'help', 'HELP', '?'])('answers %j with help', async (text) => {
    const reply = await command(text);
    expect(allText(reply)).toContain('/cluster missions');
  });

  it('answers an unknown single word with help, not an error', async () => {
    const reply = await command('qwzxv');
    expect(allText(reply)).toContain('/cluster missions');
    expect(allText(reply)).toContain('qwzxv');
  });

  it.each([
    ['missions', 'mission'],
    ['programmes', 'programme'],
    ['partners', 'partnership'],
  ] as const)('lists %s', async (text, kind) => {
    const reply = await command(text);
    const names = h.knowledge.entities.filter((e) => e.kind === kind).map((e) => e.name);
    const body = allText(reply);
    expect(names.filter((n) => body.includes(JSON.stringify(n).slice(1, -1).replace(/&/g, '&amp;'))).length).toBeGreaterThan(0);
    expect(body).toContain(`(${names.length})`);
  });

  it('lists partners by sector and by country', async () => {
    const partnership = h.knowledge.entities.find((e) => e.kind === 'partnership' && e.sectors.length > 0);
    if (partnership?.kind !== 'partnership') throw new Error('no partnership with a sector');
    const bySector = await command(`partners ${partnership.sectors[0]}`);
    expect(allText(bySector)).toContain(partnership.name.replace(/&/g, '&amp;'));
    const byCountry = await command('partners japan');
    expect(allText(byCountry)).not.toContain('Nothing matches');
  });

  it('says when a list filter matches nothing', async () => {
    const reply = await command('partners atlantis-underwater-basket-weaving');
    expect(allText(reply)).toContain('Nothing matches');
  });

  it.each([
    ['mission', 'mission'],
    ['programme', 'programme'],
    ['partner', 'partnership'],
  ] as const)('looks up one %s by name: the first answer is the entity named', async (word, kind) => {
    const entity = h.knowledge.entities.filter((e) => e.kind === kind).sort((a, b) => b.facts.length - a.facts.length)[0]!;
    const reply = await command(`${word} ${entity.name}`);
    expect(firstAnswerTitle(reply.blocks)).toContain(entity.name.replace(/&/g, '&amp;').slice(0, 20));
  });

  it.each([
    ['Partner', 'partnership'],
    ['mission', 'mission'],
    ['Programme', 'programme'],
  ] as const)('echoes a %s lookup with the word typed, not the kind it was read as', async (word, kind) => {
    const entity = h.knowledge.entities.find((e) => e.kind === kind)!;
    const name = entity.name.split(/[\s–(]/)[0]!;
    const asked = contexts(await command(`${word} ${name}`)).find((t) => t.startsWith('You asked: ')) as string;
    expect(asked).toContain(`${word} ${name}`.replace(/&/g, '&amp;'));
    if (word.toLowerCase() !== kind) expect(asked).not.toContain(`${kind} ${name}`);
  });

  it.each([
    ['source:nope kbic', 'source', 'nope'],
    ['kbic year:1066', 'year', '1066'],
    ['kind:missoin kbic', 'kind', 'missoin'],
    ['country:atlantis clusters', 'country', 'atlantis'],
  ])('refuses %j: a filter value that selects nothing is named, with the valid values, and nothing is answered', async (text, key, value) => {
    const reply = await command(text);
    const body = displayedText(reply.blocks);
    expect(body).toContain(`\`${key}:${value}\` matches no fact I know. Valid values of \`${key}\`: `);
    expect(body).not.toContain('Read as');
    expect(buttonsOf(reply).map((b) => b.action_id)).not.toContain('feedback_helpful');
    if (key === 'source') for (const id of h.knowledge.sources.keys()) expect(body).toContain(`\`${id}\``);
    if (key === 'kind') expect(body).toContain('Did you mean `kind:mission`?');
  });

  it('names a misspelt filter with the filter names and a did-you-mean, and leaves ordinary colons alone', async () => {
    const source = [...h.knowledge.sources.keys()][0]!;
    const body = displayedText((await command(`sorce:${source} kbic`)).blocks);
    expect(body).toContain(`\`sorce\` is not a filter. Filters: \`kind\`, \`type\``);
    expect(body).toContain(`Did you mean \`source:${source}\`?`);
    expect(displayedText((await command(`source:${source} kbic`)).blocks)).not.toContain('matches no fact');
    expect(displayedText((await command('note: who runs KBIC?')).blocks)).not.toContain('is not a filter');
  });

  it('lists the sources with their dates', async () => {
    const reply = await command('sources');
    const body = allText(reply);
    for (const source of h.knowledge.sources.values()) expect(body).toContain(source.short.replace(/&/g, '&amp;'));
  });

  it('escapes what the user typed', async () => {
    // Slack sends what a person typed as `<!channel>` escaped: it reads back as the text "<!channel>", echoed escaped.
    const typed = await command('&lt;!channel&gt; &lt;@U0000BOB&gt; *bold* &lt;https://evil.example|click&gt; what about kobe?');
    expect(displayedText(typed.blocks)).toContain('&lt;!channel&gt;');
    // Real markup (a mention Slack made, a link) reads as its text; nothing is echoed as live markup.
    const reply = await command('<!channel> <@U0000BOB> *bold* <https://evil.example|click> what about kobe?');
    const body = displayedText(reply.blocks);
    expect(body).toContain('@\u2060channel');
    for (const shown of [body, displayedText(typed.blocks)]) {
      expect(shown).not.toContain('*bold*');
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<@U0000BOB>');
      expect(shown).not.toContain('<https://evil.example');
    }
    expect(reply.text).not.toMatch(/<[!@#]/);
  });
});
