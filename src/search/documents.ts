/**
 * Turns the knowledge base into search documents: one per fact, carrying its entity's names and the structured
 * context (places, countries, years, sectors) that filters and intents read.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { linkNames, type NameTable } from './names.ts';
import { fold, nameWords, stem } from './text.ts';
import { valuePositions, valuesOf, type FactValues, type ValuePositions } from './values.ts';

/** One indexed fact. */
export interface FactDocument {
  /** `<entity id>#<fact index>`. */
  readonly id: string;
  readonly entityId: string;
  readonly factIndex: number;
  readonly kind: Entity['kind'];
  /** Searchable fields. */
  readonly name: string;
  readonly aliases: string;
  /** Names and aliases of the entities the fact is about or names, so any name of theirs finds it. */
  readonly about: string;
  readonly text: string;
  /** The text's words stemmed, space-separated and padded (" kbic found 1998 "), for word pairs held side by side. */
  readonly stemmed: string;
  /** Where the text's values stand among its words, for how near the value is to the words a question asks with. */
  readonly positions: ValuePositions;
  /** The questions the fact answers, as curated (never shown). */
  readonly questions: string;
  readonly context: string;
  readonly places: string;
  readonly tags: string;
  /** Filter fields. */
  readonly aboutIds: readonly string[];
  /** Entities the fact is about or names in its text (not its own entity). */
  readonly mentionIds: readonly string[];
  /** Entities the fact's entity refers to through its fields (a partnership's parties and programmes…). */
  readonly refIds: readonly string[];
  readonly placeIds: readonly string[];
  /** Where the entity itself is (its place and the places it lies in): what `place:` filters on. */
  readonly entityPlaceIds: readonly string[];
  readonly countries: readonly string[];
  readonly years: readonly string[];
  /** Years the fact itself states (its text and `as_of`), not its entity's dates. */
  readonly factYears: readonly string[];
  readonly sectors: readonly string[];
  readonly type: string;
  readonly source: string;
  /** Kinds of value the fact holds, matched against what a question wants. */
  readonly values: FactValues;
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

/** Every id an entity refers to through its structured fields (not through facts). */
export function structuredRefs(entity: Entity): string[] {
  switch (entity.kind) {
    case 'organisation':
      return [entity.place, entity.part_of].filter((x): x is string => x !== undefined);
    case 'mission':
      return [
        ...entity.organisers,
        ...entity.participants,
        ...entity.meetings.flatMap((m) => [...m.with, ...m.people, ...(m.place ? [m.place] : [])]),
        ...entity.programmes,
        ...entity.places,
      ];
    case 'programme':
      return [...entity.run_by];
    case 'partnership':
      return [...entity.parties, ...entity.programmes, ...entity.contacts, ...entity.places];
    case 'market':
      return [...entity.players];
    case 'place':
      return entity.within ? [entity.within] : [];
    case 'person':
      return entity.organisation ? [entity.organisation] : [];
  }
}

/** The type word of an entity: "cluster", "study-visit", "mou"… */
export function entityType(entity: Entity): string {
  switch (entity.kind) {
    case 'organisation':
    case 'mission':
    case 'programme':
    case 'place':
      return entity.type;
    case 'partnership':
      return entity.form ?? 'partnership';
    case 'market':
      return entity.sector;
    case 'person':
      return 'person';
  }
}

/** Years an entity is dated by. */
function entityYears(entity: Entity): string[] {
  const dates: Array<string | undefined> = [];
  switch (entity.kind) {
    case 'organisation':
      dates.push(entity.founded);
      break;
    case 'mission':
      dates.push(entity.start, entity.end, ...entity.meetings.map((m) => m.date));
      break;
    case 'programme':
      dates.push(entity.start, entity.end);
      break;
    case 'partnership':
      dates.push(entity.since);
      break;
    default:
      break;
  }
  return dates.filter((d): d is string => d !== undefined).map((d) => d.slice(0, 4));
}

/** Builds the fact documents, linking the entities each fact names through the name table. */
export function buildDocuments(knowledge: Knowledge, table: NameTable): FactDocument[] {
  const byId = knowledge.byId;
  const names = (id: string) => {
    const e = byId.get(id);
    return e ? [e.name, ...e.aliases].join(' ; ') : '';
  };

  const withinChain = (id: string): string[] => {
    const chain: string[] = [];
    let current = byId.get(id);
    while (current && current.kind === 'place' && !chain.includes(current.id)) {
      chain.push(current.id);
      current = current.within ? byId.get(current.within) : undefined;
    }
    return chain;
  };
  const placesOfEntity = (e: Entity | undefined): string[] => {
    if (!e) return [];
    switch (e.kind) {
      case 'place':
        return [e.id];
      case 'organisation':
        return e.place ? [e.place] : [];
      case 'mission':
        return [...e.places, ...e.meetings.flatMap((m) => (m.place ? [m.place] : []))];
      case 'partnership':
        return [...e.places, ...e.parties.flatMap((p) => placesOfEntity(byId.get(p)))];
      case 'person':
        return e.organisation ? placesOfEntity(byId.get(e.organisation)) : [];
      default:
        return [];
    }
  };
  const countryOf = (e: Entity | undefined): string[] => {
    if (!e) return [];
    if (e.kind === 'organisation' && e.country) return [e.country];
    if (e.kind === 'market') return [e.country];
    if (e.kind === 'partnership') return e.parties.flatMap((p) => countryOf(byId.get(p)));
    return [];
  };

  const docs: FactDocument[] = [];
  for (const entity of knowledge.entities) {
    const refs = structuredRefs(entity);
    const context = [
      ...fieldLabels(entity),
      entityType(entity).replace(/-/g, ' '),
      'sectors' in entity ? entity.sectors.join(' ').replace(/-/g, ' ') : '',
      'themes' in entity ? entity.themes.join(' ').replace(/-/g, ' ') : '',
      'role' in entity ? entity.role : '',
      'country' in entity && entity.country ? entity.country : '',
      entity.summary ?? '',
      // Names only: aliases of every related entity, repeated on each fact, would swamp the index for little gain.
      ...unique(refs).map((id) => byId.get(id)?.name ?? ''),
    ].join(' ; ');
    const baseYears = entityYears(entity);
    const sectors = [
      ...('sectors' in entity ? entity.sectors : []),
      ...('themes' in entity ? entity.themes : []),
      ...(entity.kind === 'market' ? [entity.sector] : []),
    ];
    const entityPlaces = placesOfEntity(entity);
    const entityPlaceIds = unique(entityPlaces.flatMap(withinChain));

    entity.facts.forEach((fact, factIndex) => {
      const words = nameWords(fact.text);
      const spans = linkNames(words.folded, table, { original: words.original });
      const named = spans.flatMap((span) => span.ids);
      const mentionIds = unique([...fact.about, ...named]).filter((id) => id !== entity.id && byId.has(id));
      const mentioned = named.filter((id) => byId.get(id)?.kind === 'place');
      const aboutPlaces = fact.about.flatMap((id) => placesOfEntity(byId.get(id)));
      const placeIds = unique([...entityPlaces, ...mentioned, ...aboutPlaces].flatMap(withinChain));
      const countries = unique(
        [...countryOf(entity), ...entityPlaceIds.map((id) => byId.get(id)?.name ?? '')].filter(Boolean).map((c) => fold(c)),
      );
      const factYears = unique([...(fact.as_of ? [fact.as_of.slice(0, 4)] : []), ...(fact.text.match(YEAR) ?? [])]);
      const years = unique([...baseYears, ...factYears]);
      docs.push({
        id: `${entity.id}#${factIndex}`,
        entityId: entity.id,
        factIndex,
        kind: entity.kind,
        name: entity.name,
        aliases: entity.aliases.join(' ; '),
        about: mentionIds.map(names).join(' ; '),
        text: fact.text,
        stemmed: ` ${words.folded.map((w) => stem(w)).join(' ')} `,
        positions: valuePositions(
          words.folded,
          spans.map((span) => ({ start: span.start, end: span.end, kind: byId.get(span.ids[0]!)?.kind ?? '' })),
        ),
        questions: fact.questions.join(' ; '),
        context,
        places: placeIds.map(names).join(' ; '),
        tags: [entity.kind, ...years].join(' '),
        aboutIds: fact.about,
        mentionIds,
        refIds: refs,
        placeIds,
        entityPlaceIds,
        countries,
        years,
        factYears,
        sectors,
        type: entityType(entity),
        source: fact.cite.source,
        values: valuesOf(
          fact.text,
          factYears,
          entity.kind === 'person' ||
            mentionIds.some((id) => byId.get(id)?.kind === 'person'),
          entity.kind === 'place' || mentioned.length > 0 || mentionIds.some((id) => byId.get(id)?.kind === 'place'),
        ),
      });
    });
  }
  return docs;
}

/**
 * Words naming the structured fields an entity fills ("founded 1998", "email …"), so a question about a field
 * ("when was it founded", "email of …") meets the entity that has it, and only such entities.
 */
function fieldLabels(entity: Entity): string[] {
  const labels: string[] = [];
  switch (entity.kind) {
    case 'organisation':
      if (entity.founded) labels.push(`founded ${entity.founded}`);
      if (entity.website) labels.push('website');
      break;
    case 'mission':
      if (entity.start) labels.push(`dates ${entity.start} ${entity.end ?? ''}`);
      break;
    case 'partnership':
      if (entity.since) labels.push(`since ${entity.since}`);
      if (entity.form) labels.push(`form ${entity.form.replace(/-/g, ' ')}`);
      break;
    case 'person':
      labels.push(`role ${entity.role}`);
      if (entity.email) labels.push(`email address contact ${entity.email}`);
      break;
    default:
      break;
  }
  return labels;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
