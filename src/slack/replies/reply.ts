/**
 * The reply to a request: asks the engine and renders the result. The same for `/cluster`, mentions, direct
 * messages, button clicks and the console, so every surface answers alike.
 */
import type { Entity } from '../../knowledge/schema.ts';
import { renderAnswer, type Audience, type Message } from '../../render/blocks.ts';
import type { Origin } from '../../render/actions.ts';
import { renderFilterProblems, renderHelp, renderPleasantry } from '../../render/help.ts';
import { renderEntityList, renderSources } from '../../render/lists.ts';
import { deepFreeze } from '../../knowledge/freeze.ts';
import { LruCache } from '../../search/cache.ts';
import type { Engine } from '../../search/engine.ts';
import { filterProblems } from '../../search/filters.ts';
import { typedFilters, type Filters } from '../../search/query.ts';
import type { AskResult } from '../../search/types.ts';
import { parseCommand, type ListKind, type Request } from './command.ts';

export interface ReplyOptions {
  readonly audience: Audience;
  readonly origin: Origin;
  /** Offer "Share in channel" (ephemeral replies). */
  readonly shareable?: boolean;
  readonly offset?: number;
  /** Entity ids of the thread's last answer. */
  readonly context?: readonly string[];
  readonly sharedBy?: string;
}

export interface Reply {
  readonly request: Request;
  readonly message: Message;
  /** The engine's answer, when the request asked one (for the journal and the thread metadata). */
  readonly result?: AskResult;
}

const LIST_TITLE: Readonly<Record<ListKind, string>> = { mission: 'Missions', partnership: 'Partnerships', programme: 'Programmes' };

/** Rendered replies kept per engine; a new knowledge version starts afresh. */
const REPLIES_KEPT = 500;
const MAX_CACHED_INPUT = 1000;
const replyCaches = new WeakMap<Engine, LruCache<Reply>>();

/**
 * Answers one line of input. The same input and options give the same reply for one engine, so a reply is rendered
 * once and shared: a popular question under load costs a lookup, not a search and a render.
 */
export function replyTo(engine: Engine, input: string, options: ReplyOptions): Reply {
  if (input.length > MAX_CACHED_INPUT) return render(engine, input, options);
  let cache = replyCaches.get(engine);
  if (!cache) {
    cache = new LruCache<Reply>(REPLIES_KEPT);
    replyCaches.set(engine, cache);
  }
  const key = `${JSON.stringify(options)}\u0000${input}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const reply = deepFreeze(render(engine, input, options));
  cache.set(key, reply);
  return reply;
}

function render(engine: Engine, input: string, options: ReplyOptions): Reply {
  const request = parseCommand(input);
  const command = input
    .trim()
    .replace(/^\/cluster(?:\s+|$)/i, '')
    .trim();
  switch (request.type) {
    case 'help':
      return { request, message: renderHelp() };
    case 'sources':
      return { request, message: renderSources(engine.knowledge) };
    case 'chat':
      return { request, message: renderPleasantry(request.thanks) };
    case 'list': {
      const entities = listFiltered(engine, request.of, request.filter);
      const message = renderEntityList(entities, engine.knowledge, {
        audience: options.audience,
        origin: options.origin,
        title: LIST_TITLE[request.of],
        ...(request.filter ? { filter: request.filter } : {}),
        ...(options.shareable ? { shareable: true, command } : {}),
        emptyHint: `Nothing matches that. Try a sector (\`life-science\`), a country (\`france\`), a place or a year — or \`/cluster ${request.of === 'partnership' ? 'partners' : `${request.of}s`}\` for all.`,
      });
      return { request, message };
    }
    case 'lookup':
    case 'ask': {
      const question = request.type === 'ask' ? request.question : `kind:${request.of} ${quoteFree(request.name)}`;
      // A typed filter that selects nothing would quietly answer another question: say so, with what would work.
      if (request.type === 'ask') {
        const problems = filterProblems(engine.index, typedFilters(question, engine.index));
        if (problems.length > 0) return { request, message: renderFilterProblems(problems) };
      }
      const result = engine.ask(question, { offset: options.offset ?? 0, context: options.context ?? [] });
      if (request.type === 'ask' && isUnknownWord(request.question, result)) {
        return { request, message: renderHelp({ unknown: request.question, suggestions: result.suggestions }), result };
      }
      const message = renderAnswer(result, {
        audience: options.audience,
        origin: options.origin,
        command,
        // Echoed as typed: "partner techtera", not the kind it was read as.
        question: request.type === 'ask' ? request.question : `${request.word} ${request.name}`,
        ...(options.shareable ? { shareable: true } : {}),
        ...(options.context ? { context: options.context } : {}),
        ...(options.sharedBy ? { sharedBy: options.sharedBy } : {}),
      });
      return { request, message, result };
    }
  }
}

/** A single word that is neither a subcommand nor anything the engine knows is read as a mistyped command. */
function isUnknownWord(question: string, result: AskResult): boolean {
  return !/\s/.test(question.trim()) && !result.answered && result.answers.length === 0;
}

/** Typed filter syntax inside a name is not a filter: `mission year:2023` stays words. */
function quoteFree(name: string): string {
  return name.replace(/:/g, ' ');
}

/** A list filter may be a sector, a country, a place or a year: the first reading that selects something wins. */
function listFiltered(engine: Engine, kind: ListKind, filter: string | undefined): Entity[] {
  if (!filter) return engine.list(kind);
  const readings: Filters[] = /^\d{4}$/.test(filter) ? [{ year: filter }] : [{ sector: filter }, { country: filter }, { place: filter }];
  for (const filters of readings) {
    const found = engine.list(kind, filters);
    if (found.length > 0) return found;
  }
  return [];
}
