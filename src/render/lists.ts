/**
 * Block Kit rendering of lists: missions, partnerships, programmes, the sources, and one answer's source details.
 */
import type { Button, KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.ts';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { ACTION, encodeValue, type Origin } from './actions.ts';
import { actions, button, context, message, section, type Audience, type Message } from './blocks.ts';
import { humanDate } from './dates.ts';
import { escapeEcho, escapeMrkdwn, link, redactEmails, sanitize } from './escape.ts';
import { LIMITS } from './limits.ts';
import { CONFLICT_LABEL } from './text.ts';

export interface ListOptions {
  readonly audience: Audience;
  readonly origin: Origin;
  /** "Missions", "Partnerships in life-science"… (the filter is user text and is escaped). */
  readonly title: string;
  readonly filter?: string;
  /** Offer "Share in channel", re-running `command`. */
  readonly shareable?: boolean;
  readonly command?: string;
  /** Shown when nothing matches: our own mrkdwn, not escaped. */
  readonly emptyHint?: string;
}

const esc = (text: string) => escapeMrkdwn(sanitize(text));

/** Lists entities one per line with their type, dates and places, in as few sections as fit. */
export function renderEntityList(entities: readonly Entity[], knowledge: Knowledge, options: ListOptions): Message {
  const redact = (text: string) => (options.audience === 'channel' ? redactEmails(text) : text);
  const heading = `*${esc(options.title)}*${options.filter ? ` — “${escapeEcho(redact(options.filter))}”` : ''} (${entities.length})`;
  const blocks: KnownBlock[] = [section(heading, 'list_heading')];
  if (entities.length === 0) {
    blocks.push(section(options.emptyHint ?? 'Nothing matches. Type `/cluster help` to see what you can ask.'));
    return message(`${options.title}: nothing found`, blocks);
  }
  const footer: KnownBlock[] = [];
  if (options.shareable && options.command !== undefined) {
    footer.push(
      actions('list_footer', [
        button(ACTION.share, 'Share in channel', encodeValue({ q: redact(options.command), o: 0, c: [], k: options.origin }), 'primary'),
      ]),
    );
  }
  const lines = entities.map((e) => `• ${entityLine(e, knowledge)}`);
  const budget = LIMITS.messageBlocks - blocks.length - footer.length - 1;
  let chunk = '';
  let shown = 0;
  for (const line of lines) {
    const fitsChunk = chunk.length + line.length + 1 <= LIMITS.sectionText - 10;
    if (!fitsChunk) {
      if (blocks.length >= budget) break;
      blocks.push(section(chunk));
      chunk = '';
    }
    if (line.length > LIMITS.sectionText - 10) continue;
    chunk += (chunk ? '\n' : '') + line;
    shown++;
  }
  if (chunk) blocks.push(section(chunk));
  if (shown < entities.length)
    blocks.push(context([`…and ${entities.length - shown} more. Narrow it down, for example with a country or a sector.`]));
  blocks.push(...footer);
  return message(`${options.title} (${entities.length}): ${entities.map((e) => e.name).join(', ')}`, blocks);
}

/** "*Bio Japan* — fair · Oct 2023 · Yokohama"; a date the sources contradict carries its conflict note. */
/** The first `n` names joined, and how many more there are ("Osaka, Kyoto, Oita +3 more"): a line never drops names silently. */
function firstOf(names: readonly string[], n: number, separator: string): string {
  const shown = names.slice(0, n).join(separator);
  return names.length > n ? `${shown} +${names.length - n} more` : shown;
}

export function entityLine(entity: Entity, knowledge: Knowledge): string {
  const name = (id: string) => knowledge.byId.get(id)?.name ?? id;
  const conflicts: Readonly<Record<string, string>> = entity.conflicts ?? {};
  const noted = (bit: string, ...fields: string[]) => {
    const note = fields.map((f) => conflicts[f]).find((n) => n !== undefined);
    return note ? `${bit} (${CONFLICT_LABEL.toLowerCase()} ${note})` : bit;
  };
  const bits: string[] = [];
  switch (entity.kind) {
    case 'mission':
      bits.push(entity.type.replace(/-/g, ' '));
      if (entity.start)
        bits.push(
          noted(
            entity.end && entity.end !== entity.start ? `${humanDate(entity.start)} – ${humanDate(entity.end)}` : humanDate(entity.start),
            'start',
            'end',
          ),
        );
      if (entity.places.length > 0) bits.push(firstOf(entity.places.map(name), 3, ', '));
      break;
    case 'partnership':
      bits.push(firstOf(entity.parties.map(name), 4, ' – '));
      if (entity.since) bits.push(noted(`since ${humanDate(entity.since)}`, 'since'));
      if (entity.status !== 'unknown') bits.push(entity.status);
      break;
    case 'programme':
      bits.push(entity.type);
      if (entity.scope) bits.push(entity.scope);
      if (entity.run_by.length > 0) bits.push(`run by ${firstOf(entity.run_by.map(name), 3, ', ')}`);
      break;
    case 'organisation':
      bits.push(entity.type.replace(/-/g, ' '));
      if (entity.country) bits.push(entity.country);
      break;
    default:
      bits.push(entity.kind);
  }
  return `*${esc(entity.name)}*${bits.length > 0 ? ` — ${esc(bits.join(' · '))}` : ''}`;
}

/** The documents the bot knows, each with its publisher, date and number of facts. */
export function renderSources(knowledge: Knowledge): Message {
  const stats = knowledgeStats(knowledge);
  const blocks: KnownBlock[] = [
    section(
      `*My sources* (${knowledge.sources.size}). Every fact I give cites one of these; facts are as old as their source.`,
      'sources_heading',
    ),
  ];
  for (const source of [...knowledge.sources.values()].slice(0, LIMITS.messageBlocks - 2)) {
    const date = humanDate(source.date);
    blocks.push(
      section(
        `*${link(source.url, esc(source.title))}*\n${esc(`${source.short} · ${source.publisher} · ${date}`)} · ${stats.factsBySource[source.id] ?? 0} facts`,
      ),
    );
  }
  const text = [...knowledge.sources.values()].map((s) => `${s.short}, ${humanDate(s.date)}`).join('; ');
  return message(`My sources: ${text}`, blocks);
}

/** Details of the sources behind one answer (the Show source button). */
export function renderSourceDetails(knowledge: Knowledge, refs: ReadonlyArray<readonly [string, string]>): Message {
  const blocks: KnownBlock[] = [];
  const plainLines: string[] = [];
  for (const [sourceId, sectionId] of refs) {
    const source = knowledge.sources.get(sourceId);
    if (!source) continue;
    const heading = sectionId ? source.sections[sectionId] : undefined;
    const lines = [
      `*${link(source.url, esc(source.title))}*`,
      esc(`${source.publisher} · ${humanDate(source.date)} · ${source.kind.replace(/-/g, ' ')}`),
    ];
    if (heading) lines.push(`Section: ${esc(heading)}`);
    if (source.date_note) lines.push(`_Date: ${esc(source.date_note)}_`);
    if (source.url) lines.push(esc(source.url));
    blocks.push(section(lines.join('\n')));
    plainLines.push(`${source.title} (${source.publisher}, ${humanDate(source.date)})${heading ? ` — ${heading}` : ''}`);
  }
  if (blocks.length === 0) blocks.push(section('That source is no longer in my knowledge.'));
  return message(plainLines.join('\n') || 'Source details', blocks);
}

/** Example-question buttons (App Home). */
export function exampleButtons(questions: readonly string[]): Button[] {
  return questions.slice(0, 5).map((q, i) => button(`${ACTION.example}_${i}`, q, encodeValue({ q, o: 0, c: [], k: 'home' })));
}
