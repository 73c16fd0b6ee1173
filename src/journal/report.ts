/**
 * Maintainers' reports over the journal: the questions nobody got an answer to, grouped by similar wording, and
 * the answers people marked as not helpful.
 */
import { contentTerms } from '../search/text.ts';
import type { FeedbackEntry, JournalEntry, QuestionEntry } from './entry.ts';

export interface Gap {
  /** The wording asked most often in the group (the latest on a tie). */
  readonly question: string;
  readonly count: number;
  /** Other wordings in the group, most frequent first. */
  readonly variants: readonly string[];
  readonly lastAsked: string;
}

/**
 * Two questions are the same gap when more than half their content words are shared (Jaccard): at exactly half, a
 * three-word name shared by two different questions would be enough ("who runs Life Science Nord" and "Techtera vs
 * Life Science Nord members").
 */
const SAME_GAP = 0.5;

/** Unanswered questions since a time, grouped by similar wording, most frequent first. */
export function gapsReport(entries: readonly JournalEntry[], since?: Date): Gap[] {
  const groups: Array<{ terms: Set<string>; wordings: Map<string, { count: number; last: string }>; count: number; last: string }> = [];
  for (const entry of entries) {
    if (entry.type !== 'question' || entry.answered) continue;
    if (since && new Date(entry.time) < since) continue;
    const terms = new Set(contentTerms(entry.question));
    const wording = entry.question.trim().replace(/\s+/g, ' ');
    let group = groups.find((g) => jaccard(g.terms, terms) > SAME_GAP);
    if (!group) {
      group = { terms, wordings: new Map(), count: 0, last: entry.time };
      groups.push(group);
    }
    group.count++;
    const seen = group.wordings.get(wording);
    group.wordings.set(wording, { count: (seen?.count ?? 0) + 1, last: seen && seen.last > entry.time ? seen.last : entry.time });
    if (entry.time > group.last) group.last = entry.time;
  }
  return groups
    .map((g) => {
      const wordings = [...g.wordings].sort((a, b) => b[1].count - a[1].count || b[1].last.localeCompare(a[1].last)).map(([w]) => w);
      return { question: wordings[0]!, count: g.count, variants: wordings.slice(1), lastAsked: g.last };
    })
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
}

export interface Complaint {
  readonly question: string;
  /** Entity ids of the answer marked not helpful. */
  readonly top: readonly string[];
  readonly count: number;
  readonly lastAt: string;
}

/** Answers marked not helpful since a time, grouped by question and answer, most frequent first. */
export function feedbackReport(entries: readonly JournalEntry[], since?: Date): Complaint[] {
  const byKey = new Map<string, { question: string; top: readonly string[]; count: number; lastAt: string }>();
  for (const entry of entries) {
    if (entry.type !== 'feedback' || entry.helpful) continue;
    if (since && new Date(entry.time) < since) continue;
    const key = `${entry.question.trim().toLowerCase()}\u0000${entry.top.join(',')}`;
    const item = byKey.get(key) ?? { question: entry.question.trim(), top: entry.top, count: 0, lastAt: entry.time };
    item.count++;
    if (entry.time > item.lastAt) item.lastAt = entry.time;
    byKey.set(key, item);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/** Counts for a summary line. */
export function journalSummary(entries: readonly JournalEntry[]): {
  questions: number;
  unanswered: number;
  helpful: number;
  notHelpful: number;
} {
  const questions = entries.filter((e): e is QuestionEntry => e.type === 'question');
  const feedback = entries.filter((e): e is FeedbackEntry => e.type === 'feedback');
  return {
    questions: questions.length,
    unanswered: questions.filter((q) => !q.answered).length,
    helpful: feedback.filter((f) => f.helpful).length,
    notHelpful: feedback.filter((f) => !f.helpful).length,
  };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
