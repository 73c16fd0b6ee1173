/**
 * Turns the knowledge base into search documents: one per fact, carrying its entity's names and the structured
 * context (places, countries, years, sectors) that filters and intents read.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { termsOf } from './alternates.ts';
import { linkNames, type NameSpan, type NameTable } from './names.ts';
import { fold, nameWords, stem } from './text.ts';
import { valuePositions, valuesOf, type FactValues, type ValuePositions } from './values.ts';

/** One indexed fact: what the engine keeps of it after indexing (its searchable text goes into the postings). */
export interface FactDocument {
  /** `<entity id>#<fact index>`. */
  readonly id: string;
  readonly entityId: string;
  readonly factIndex: number;
  readonly kind: Entity['kind'];
  /** The fact's text, as in the knowledge. */
  readonly text: string;
  /** The text's words stemmed, space-separated and padded (" kbic found 1998 "), for word pairs held side by side. */
  readonly stemmed: string;
  /** Where the text's values stand among its words, for how near the value is to the words a question asks with. */
  readonly positions: ValuePositions;
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

/** The searchable fields of a fact document, in the order the index keeps them and boosts them. */
export const INDEXED_FIELDS = ['name', 'aliases', 'about', 'text', 'questions', 'context', 'places', 'tags'] as const;
export type IndexedField = (typeof INDEXED_FIELDS)[number];

/**
 * A fact document as the index keeps it: where it is, and what it was built from. Made by `documentMaker` with no
 * place yet (`slot` -1); the index gives it one when it adds it, and never moves it after.
 */
export interface PlacedDocument extends FactDocument {
  /** Its place in the index's arrays. */
  slot: number;
  /** Other entities read to build it: its entity's (shared by all its facts) and its own. */
  readonly entityReads: readonly string[];
  readonly reads: readonly string[];
}

/** A fact document as built, before indexing: the document, its searchable text, and what it was built from. */
export interface BuiltDocument {
  readonly doc: PlacedDocument;
  /** The searchable text of each field, in `INDEXED_FIELDS` order (its entity's names and aliases, the names of the
   * entities it is about or names, its text and curated questions, its entity's structured context, its places, and
   * its kind and years), each as the parts it is joined from: the field's text is the parts joined by " ; ", and its
   * tokens are the parts' tokens one after the other, so a part repeated across facts is read once. */
  readonly fields: ReadonlyArray<readonly string[]>;
  /** Each curated question as terms for matching a question against it (see `alternates.ts`). Its document's
   * `entityReads` and `reads` are the ids of the other entities read to build it (its entity's, shared by all its
   * facts, and its own): a change to one of them may change it. */
  readonly questionTerms: ReadonlyArray<readonly string[]>;
  /** The names linked in its text, then in each of its questions: a change of the name table that leaves them the
   * same leaves the document the same (see `linksOf`). */
  readonly spans: ReadonlyArray<readonly NameSpan[]>;
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

/**
 * A builder of fact documents over a knowledge base and its name table: `of(entity)` gives the documents of an
 * entity's facts, linking the entities each fact names through the name table, and noting every other entity it
 * reads. What an entity contributes to all its facts (context, places, years) is worked out once per entity.
 */
export function documentMaker(knowledge: Knowledge, table: NameTable): { of(entity: Entity): BuiltDocument[] } {
  const byId = knowledge.byId;
  let reads: Set<string> = new Set();
  const get = (id: string): Entity | undefined => {
    reads.add(id);
    return byId.get(id);
  };
  const nameCache = new Map<string, string>();
  const names = (id: string) => {
    const e = get(id);
    if (!e) return '';
    let joined = nameCache.get(id);
    if (joined === undefined) nameCache.set(id, (joined = [e.name, ...e.aliases].join(' ; ')));
    return joined;
  };

  /** A function of an id, remembered with the entities it read: a later call reads them again, as the first did. */
  const remembered = <T>(compute: (id: string) => T) => {
    const known = new Map<string, { value: T; read: readonly string[] }>();
    return (id: string): T => {
      const hit = known.get(id);
      if (hit) {
        for (const r of hit.read) reads.add(r);
        return hit.value;
      }
      const outer = reads;
      reads = new Set();
      const value = compute(id);
      const read = [...reads];
      reads = outer;
      for (const r of read) reads.add(r);
      known.set(id, { value, read });
      return value;
    };
  };
  const withinChain = remembered((id: string): string[] => {
    const chain: string[] = [];
    let current = get(id);
    while (current && current.kind === 'place' && !chain.includes(current.id)) {
      chain.push(current.id);
      current = current.within ? get(current.within) : undefined;
    }
    return chain;
  });
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
        return [...e.places, ...e.parties.flatMap((p) => placesOfEntity(get(p)))];
      case 'person':
        return e.organisation ? placesOfEntity(get(e.organisation)) : [];
      default:
        return [];
    }
  };
  const placesOfId = remembered((id: string) => placesOfEntity(get(id)));
  const countryOf = (e: Entity | undefined): string[] => {
    if (!e) return [];
    if (e.kind === 'organisation' && e.country) return [e.country];
    if (e.kind === 'market') return [e.country];
    if (e.kind === 'partnership') return e.parties.flatMap((p) => countryOf(get(p)));
    return [];
  };
  const linked = (text: string) => {
    const words = nameWords(text);
    return { words, spans: linkNames(words.folded, table, { original: words.original }) };
  };

  const tagsOf = new Map<string, string>();
  const of = (entity: Entity): BuiltDocument[] => {
    reads = new Set();
    const tags = (years: readonly string[]) => {
      const key = `${entity.kind} ${years.join(' ')}`;
      let joined = tagsOf.get(key);
      if (joined === undefined) tagsOf.set(key, (joined = [entity.kind, ...years].join(' ')));
      return joined;
    };
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
      ...unique(refs).map((id) => get(id)?.name ?? ''),
    ].join(' ; ');
    const baseYears = entityYears(entity);
    const sectors = [
      ...('sectors' in entity ? entity.sectors : []),
      ...('themes' in entity ? entity.themes : []),
      ...(entity.kind === 'market' ? [entity.sector] : []),
    ];
    const entityPlaces = placesOfEntity(entity);
    const entityPlaceIds = unique(entityPlaces.flatMap(withinChain));
    const type = entityType(entity);
    const aliases = entity.aliases.join(' ; ');
    const countries = unique(
      [...countryOf(entity), ...entityPlaceIds.map((id) => get(id)?.name ?? '')].filter(Boolean).map((c) => fold(c)),
    );
    reads.delete(entity.id);
    const entityReads = [...reads].sort();

    return entity.facts.map((fact, factIndex) => {
      reads = new Set();
      const { words, spans } = linked(fact.text);
      const named = spans.flatMap((span) => span.ids);
      const mentionIds = unique([...fact.about, ...named]).filter((id) => id !== entity.id && get(id) !== undefined);
      const mentioned = named.filter((id) => get(id)?.kind === 'place');
      const aboutPlaces = fact.about.flatMap(placesOfId);
      const placeIds = unique([...entityPlaces, ...mentioned, ...aboutPlaces].flatMap(withinChain));
      const factYears = unique([...(fact.as_of ? [fact.as_of.slice(0, 4)] : []), ...(fact.text.match(YEAR) ?? [])]);
      const years = unique([...baseYears, ...factYears]);
      const questions = fact.questions.map((q) => linked(q));
      const positions = valuePositions(
        words.folded,
        spans.map((span) => ({ start: span.start, end: span.end, kind: get(span.ids[0]!)?.kind ?? '' })),
      );
      const values = valuesOf(
        fact.text,
        // A date the text states answers "when"; `as_of` says when a figure held, which answers nothing by itself.
        unique(fact.text.match(YEAR) ?? []),
        entity.kind === 'person' || mentionIds.some((id) => get(id)?.kind === 'person'),
        entity.kind === 'place' || mentioned.length > 0 || mentionIds.some((id) => get(id)?.kind === 'place'),
      );
      const fields = [[entity.name], [aliases], mentionIds.map(names), [fact.text], fact.questions, [context], placeIds.map(names), [tags(years)]];
      reads.delete(entity.id);
      const doc: PlacedDocument = {
        id: `${entity.id}#${factIndex}`,
        entityId: entity.id,
        factIndex,
        kind: entity.kind,
        text: fact.text,
        stemmed: ` ${words.folded.map((w) => stem(w)).join(' ')} `,
        positions,
        aboutIds: fact.about,
        mentionIds,
        refIds: refs,
        placeIds,
        entityPlaceIds,
        countries,
        years,
        factYears,
        sectors,
        type,
        source: fact.cite.source,
        values,
        slot: -1,
        entityReads,
        reads: [...reads].sort(),
      };
      return {
        doc,
        fields,
        questionTerms: questions.map((q) => termsOf(q.words.folded, q.spans)),
        spans: [spans, ...questions.map((q) => q.spans)],
      };
    });
  };
  return { of };
}

/** The names linked in a document's text and questions, as a string: where each span stands and what it names. */
export function linksOf(built: BuiltDocument): string {
  return built.spans.map((spans) => spans.map((s) => `${s.start}-${s.end}:${s.ids.join(',')}`).join(' ')).join('|');
}

/** Builds every fact document of a knowledge base, in knowledge order. */
export function buildDocuments(knowledge: Knowledge, table: NameTable): BuiltDocument[] {
  const maker = documentMaker(knowledge, table);
  return knowledge.entities.flatMap((entity) => maker.of(entity));
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
