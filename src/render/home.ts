/**
 * The App Home tab: what the bot knows (counts by kind and the sources), how to ask, and example questions.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.ts';
import { knowledgeStats } from '../knowledge/knowledge.ts';
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { actions, context, plain, section } from './blocks.ts';
import { humanDate } from './dates.ts';
import { escapeMrkdwn, link, sanitize } from './escape.ts';
import { COMMAND_HELP } from './help.ts';
import { LIMITS } from './limits.ts';
import { reloadNotice } from './status.ts';
import type { ReloadStatus } from '../search/live.ts';
import { exampleButtons } from './lists.ts';

const PLURAL: Readonly<Record<EntityKind, string>> = {
  organisation: 'organisations',
  mission: 'missions',
  programme: 'programmes',
  partnership: 'partnerships',
  market: 'markets',
  place: 'places',
  person: 'people',
};

/** The App Home view for `views.publish`. */
export function renderHome(knowledge: Knowledge, status?: ReloadStatus): HomeView {
  const stats = knowledgeStats(knowledge);
  const notice = reloadNotice(status);
  const esc = (t: string) => escapeMrkdwn(sanitize(t));
  const counts = (Object.keys(stats.byKind) as EntityKind[])
    .filter((k) => stats.byKind[k] > 0)
    .map((k) => `*${stats.byKind[k]}* ${PLURAL[k]}`)
    .join(' · ');
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('EU–Japan cluster cooperation', LIMITS.headerText) },
    section(
      'I answer questions about clusters, missions, partnerships and programmes between Europe and Japan. Every answer cites its source and the source’s date, because the facts are as old as their sources.',
    ),
    section(`*What I know:* ${counts} — ${stats.facts} facts from ${stats.sources} sources.`, 'home_counts'),
    ...(notice ? [context([`:warning: ${esc(notice)}`])] : []),
    { type: 'divider' },
    section('*Sources*', 'home_sources_heading'),
  ];
  for (const source of [...knowledge.sources.values()].slice(0, 40)) {
    blocks.push(
      context([
        `${link(source.url, esc(source.title))} — ${esc(`${source.publisher}, ${humanDate(source.date)}`)} · ${stats.factsBySource[source.id] ?? 0} facts`,
      ]),
    );
  }
  blocks.push(
    { type: 'divider' },
    section(
      `*How to ask*\n• Type \`/cluster\` and a question anywhere; only you see the answer until you share it.\n• Mention me in a channel: I answer in a thread, and follow-ups in that thread keep the topic.\n• Or write to me in the Messages tab.\n${COMMAND_HELP.slice(
        1,
        8,
      )
        .map(([usage]) => `\`${usage.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``)
        .join('  ')}`,
      'home_how',
    ),
  );
  const examples = exampleQuestions(knowledge);
  if (examples.length > 0) {
    blocks.push(section('*Try one:*', 'home_examples_heading'), actions('home_examples', exampleButtons(examples)));
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

/** Example questions drawn from the knowledge itself, so they always have an answer. */
export function exampleQuestions(knowledge: Knowledge): string[] {
  const richest = (kind: EntityKind): Entity | undefined =>
    knowledge.entities.filter((e) => e.kind === kind).sort((a, b) => b.facts.length - a.facts.length || a.name.localeCompare(b.name))[0];
  const out: string[] = [];
  const programme = richest('programme');
  if (programme) out.push(`Which partnerships use the ${programme.name}?`);
  const organisation = richest('organisation');
  if (organisation) out.push(`What is ${organisation.name}?`);
  const mission = richest('mission');
  if (mission) out.push(`Who took part in ${mission.name}?`);
  const partnership = richest('partnership');
  if (partnership) out.push(`What is the ${partnership.name}?`);
  const visited = knowledge.entities
    .filter((e): e is Extract<Entity, { kind: 'mission' }> => e.kind === 'mission')
    .flatMap((m) => m.places)
    .map((id) => knowledge.byId.get(id))
    .find((p) => p?.kind === 'place' && (p.type === 'city' || p.type === 'prefecture'));
  if (visited) out.push(`Which missions went to ${visited.name}?`);
  return out.filter((q) => q.length <= LIMITS.buttonText);
}
