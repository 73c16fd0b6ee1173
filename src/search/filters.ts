/**
 * Filters: typed `key:value` filters as tests on fact documents, and the filters shown back to the user.
 */
import { closest } from '../knowledge/similar.ts';
import { KIND_WORDS } from './defaults.ts';
import type { FactDocument } from './documents.ts';
import type { SearchIndex } from './index.ts';
import { filterValue, type Filters, type ParsedQuery } from './query.ts';
import { stem, tokenize } from './text.ts';

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

/** Place ids whose id, name or alias matches a typed value (a near miss counts). */
function placeIdsFor(index: SearchIndex, value: string): Set<string> {
  const ids = new Set<string>();
  const key = tokenize(value).join(' ');
  for (const entity of index.knowledge.entities) {
    if (entity.kind !== 'place') continue;
    const names = [entity.id, entity.name, ...entity.aliases].map((n) => tokenize(n).join(' '));
    if (names.includes(key) || closest(key, names, 1).length > 0) ids.add(entity.id);
  }
  return ids;
}

export function displayFilters(query: ParsedQuery): Record<string, string> {
  const shown: Record<string, string> = { ...query.filters };
  if (!shown.kind && query.intent.kinds.length === 1) shown.kind = query.intent.kinds[0]!;
  if (!shown.year && query.intent.years.length === 1) shown.year = query.intent.years[0]!;
  return shown;
}
