/**
 * Turns the knowledge base into search documents: one per fact, carrying its entity's names and the structured
 * context (places, countries, years, sectors) that filters and intents read.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { fold, nameKey } from './text.ts';
import { valuesOf, type FactValues } from './values.ts';

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
  readonly about: string;
  readonly text: string;
  readonly context: string;
  readonly places: string;
  readonly tags: string;
  /** Filter fields. */
  readonly aboutIds: readonly string[];
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

/** Builds the fact documents and the place lookups they need. */
export function buildDocuments(knowledge: Knowledge): FactDocument[] {
  const byId = knowledge.byId;
  const names = (id: string) => {
    const e = byId.get(id);
    return e ? [e.name, ...e.aliases].join(' ; ') : '';
  };

  // Places: every name and alias of a place, so a fact that mentions "Kobe" is placed there.
  const placeNames: Array<{ key: string; id: string }> = [];
  for (const e of knowledge.entities) {
    if (e.kind !== 'place') continue;
    for (const n of [e.name, ...e.aliases]) placeNames.push({ key: ` ${nameKey(n)} `, id: e.id });
  }
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

  // People's names, to tell a fact that names someone ("met Dr Hitomi Okuma") from one that does not.
  const personNames = knowledge.entities
    .filter((e) => e.kind === 'person')
    .flatMap((e) => [e.name, ...e.aliases].map((n) => ` ${nameKey(n)} `))
    .filter((n) => n.length > 5);

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
      const folded = ` ${nameKey(fact.text)} `;
      const mentioned = placeNames.filter((p) => folded.includes(p.key)).map((p) => p.id);
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
        about: fact.about.map(names).join(' ; '),
        text: fact.text,
        context,
        places: placeIds.map(names).join(' ; '),
        tags: [entity.kind, ...years].join(' '),
        aboutIds: fact.about,
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
            fact.about.some((id) => byId.get(id)?.kind === 'person') ||
            personNames.some((n) => folded.includes(n)),
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
