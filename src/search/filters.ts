/**
 * Filters: typed `key:value` filters as tests on fact documents, the filters shown back to the user, and the typed
 * filters that cannot be applied (a value no fact has, a misspelt filter name) with the values that would work.
 */
import { closest } from '../knowledge/similar.ts';
import { KIND_WORDS } from './defaults.ts';
import type { FactDocument } from './documents.ts';
import { within } from './fuzzy.ts';
import type { SearchIndex } from './index.ts';
import { FILTER_KEYS, filterValue, type FilterKey, type Filters, type ParsedQuery, type TypedFilters } from './query.ts';
import { stem, tokenize } from './text.ts';

/** Whether any typed filter is set: without one, `docFilter` keeps every document. */
export function hasFilters(filters: Filters): boolean {
  return FILTER_KEYS.some((key) => Boolean(filters[key]));
}

/** A test that keeps the fact documents every typed filter allows. */
export function docFilter(index: SearchIndex, filters: Filters): (doc: FactDocument) => boolean {
  const checks: Array<(doc: FactDocument) => boolean> = [];
  if (filters.kind) {
    const want = kindOf(filters.kind);
    checks.push((d) => d.kind === want);
  }
  if (filters.type) {
    const type = filterValue(filters.type).replace(/\s+/g, '-');
    checks.push((d) => d.type === type || d.type.startsWith(type));
  }
  if (filters.year) {
    const year = filterValue(filters.year).slice(0, 4);
    checks.push((d) => d.years.includes(year));
  }
  if (filters.country) {
    const country = filterValue(filters.country);
    const placeIds = placeIdsFor(index, country);
    checks.push((d) => d.countries.includes(country) || d.entityPlaceIds.some((p) => placeIds.has(p)));
  }
  if (filters.place) {
    const placeIds = placeIdsFor(index, filterValue(filters.place));
    checks.push((d) => d.entityPlaceIds.some((p) => placeIds.has(p)));
  }
  if (filters.sector) {
    const sector = stem(filterValue(filters.sector).replace(/[\s_]+/g, '-'));
    checks.push((d) => d.sectors.some((s) => s.startsWith(sector) || sectorStem(s) === sector));
  }
  if (filters.source) {
    const source = filterValue(filters.source);
    checks.push((d) => d.source === source || d.source.includes(source));
  }
  return (doc) => checks.every((check) => check(doc));
}

const sectorStems = new Map<string, string>();

/** Stems of sector slugs, kept: there are few slugs and a filter tests them on every fact. */
function sectorStem(slug: string): string {
  let stemmed = sectorStems.get(slug);
  if (stemmed === undefined) {
    stemmed = stem(slug);
    sectorStems.set(slug, stemmed);
  }
  return stemmed;
}

/** The entity kind a typed `kind:` value names ("partners", "organizations", "people" included). */
export function kindOf(value: string): string {
  const folded = filterValue(value);
  return KIND_WORDS[folded] ?? folded.replace(/s$/, '');
}

/**
 * Place ids whose id, name or alias matches a typed value: exactly, or within a third of its length in edits (as
 * `closest` allows; the length of the name without words such as "prefecture"), looked up in the index's place names
 * rather than by reading every place. A city's name also selects the prefecture or region named after it.
 */
function placeIdsFor(index: SearchIndex, value: string): Set<string> {
  const ids = new Set<string>();
  const key = tokenize(value).join(' ');
  // Typos are allowed by the length of the name itself: "prefecture" in "Osaka Prefecture" would otherwise let five
  // edits reach "Hyogo Prefecture".
  const core = key
    .split(' ')
    .filter((w) => !ADMINISTRATIVE.includes(w))
    .join(' ');
  const max = Math.max(1, Math.floor((core || key).length / 3));
  for (const near of within(index.placeNames.sorted, key, max)) {
    for (const id of index.placeNames.ids.get(near.word)!) ids.add(id);
    // A city and the prefecture or region named after it go by one name ("Osaka", "Kyoto"): the name alone means both.
    for (const word of ADMINISTRATIVE) for (const id of index.placeNames.ids.get(`${near.word} ${word}`) ?? []) ids.add(id);
  }
  return ids;
}

/** Words that make a place's name the name of the area around a namesake ("Osaka Prefecture"), as tokenized. */
const ADMINISTRATIVE = tokenize('prefecture region province state county city metropolis');

/** Whether some fact document passes one typed filter: read from the values the documents hold, not from the documents. */
function someDocument(index: SearchIndex, key: FilterKey, value: string): boolean {
  const values = index.values;
  const any = (map: ReadonlyMap<string, number>, test: (v: string) => boolean) => {
    for (const v of map.keys()) if (test(v)) return true;
    return false;
  };
  switch (key) {
    case 'kind':
      return values.kind.has(kindOf(value));
    case 'type': {
      const type = filterValue(value).replace(/\s+/g, '-');
      return any(values.type, (t) => t === type || t.startsWith(type));
    }
    case 'year':
      return values.year.has(filterValue(value).slice(0, 4));
    case 'country': {
      const country = filterValue(value);
      return values.country.has(country) || [...placeIdsFor(index, country)].some((p) => values.entityPlace.has(p));
    }
    case 'place':
      return [...placeIdsFor(index, filterValue(value))].some((p) => values.entityPlace.has(p));
    case 'sector': {
      const sector = stem(filterValue(value).replace(/[\s_]+/g, '-'));
      return any(values.sector, (s) => s.startsWith(sector) || sectorStem(s) === sector);
    }
    case 'source': {
      const source = filterValue(value);
      return any(values.source, (s) => s === source || s.includes(source));
    }
  }
}

export function displayFilters(query: ParsedQuery): Record<string, string> {
  const shown: Record<string, string> = { ...query.filters };
  if (!shown.kind && query.intent.kinds.length === 1) shown.kind = query.intent.kinds[0]!;
  if (!shown.year && query.intent.years.length === 1) shown.year = query.intent.years[0]!;
  return shown;
}

/** A typed filter that cannot be applied, and what would work instead. */
export interface FilterProblem {
  /** `unknown-value`: no fact has this value (`source:nope`); `unknown-key`: not a filter name (`sorce:eccp`). */
  readonly code: 'unknown-value' | 'unknown-key';
  /** The filter name and the value as typed. */
  readonly key: string;
  readonly value: string;
  /** What would work: the values this filter knows, or the filter names. */
  readonly valid: readonly string[];
  /** The valid value (or name) nearest to what was typed, if one is near. */
  readonly suggestion?: string;
  /**
   * For `unknown-key`: the value to write with the suggested filter name — the value as typed when that filter has
   * it, else the nearest value it has; absent when none is near (`sorce:eccp` → `source:eccp-discussion-paper-japan`).
   */
  readonly suggestedValue?: string;
}

/**
 * The typed filters of a question that select nothing: a known filter whose value no fact has, or a name within a
 * typo of a filter name. Applying such a filter would answer a different question, so the caller says so instead.
 */
export function filterProblems(index: SearchIndex, typed: Pick<TypedFilters, 'filters' | 'unknownFilters'>): FilterProblem[] {
  const problems: FilterProblem[] = [];
  for (const key of FILTER_KEYS) {
    const value = typed.filters[key];
    if (value === undefined) continue;
    if (someDocument(index, key, value)) continue;
    const valid = validValues(index, key);
    const [suggestion] = closest(filterValue(value), valid, 1);
    problems.push({ code: 'unknown-value', key, value, valid, ...(suggestion ? { suggestion } : {}) });
  }
  for (const whole of typed.unknownFilters) {
    const at = whole.indexOf(':');
    const key = whole.slice(0, at).toLowerCase();
    // A filter name with an empty value (`kind:""`) filters nothing and stays words.
    if ((FILTER_KEYS as readonly string[]).includes(key)) continue;
    // Only a near miss of a filter name is read as one: "note: …" or a URL's "https:" stay words.
    const [suggestion] = closest(key, FILTER_KEYS, 1);
    if (suggestion === undefined) continue;
    const value = whole
      .slice(at + 1)
      .trim()
      .replace(/^"|"$/g, '');
    const filter = suggestion as FilterKey;
    const suggestedValue = someDocument(index, filter, value) ? value : closest(filterValue(value), validValues(index, filter), 1)[0];
    problems.push({ code: 'unknown-key', key, value, valid: FILTER_KEYS, suggestion, ...(suggestedValue !== undefined ? { suggestedValue } : {}) });
  }
  return problems;
}

const validCache = new WeakMap<SearchIndex, Map<FilterKey, readonly string[]>>();

/** The values a filter can take in this knowledge, sorted: what the facts hold, or the place entities' ids. */
export function validValues(index: SearchIndex, key: FilterKey): readonly string[] {
  let byKey = validCache.get(index);
  if (!byKey) {
    byKey = new Map();
    validCache.set(index, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const places = index.byKind.get('place') ?? [];
  const held = index.values;
  const values: Record<FilterKey, () => Iterable<string>> = {
    kind: () => held.kind.keys(),
    type: () => held.type.keys(),
    country: () => places.filter((p) => p.kind === 'place' && p.type === 'country').map((p) => p.id),
    year: () => held.year.keys(),
    sector: () => held.sector.keys(),
    place: () => places.map((p) => p.id),
    source: () => held.source.keys(),
  };
  const list = [...new Set(values[key]())].sort();
  byKey.set(key, list);
  return list;
}
