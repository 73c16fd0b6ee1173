/**
 * Reads journal files back: every well-formed line, in order, with a count of the lines that were not.
 */
import { readFile } from 'node:fs/promises';
import type { JournalEntry } from './entry.ts';
import { journalFiles } from './journal.ts';

export interface JournalRead {
  readonly entries: readonly JournalEntry[];
  /** Lines that were not a journal entry (a torn write, a hand edit). */
  readonly skipped: number;
  readonly files: readonly string[];
}

/** Reads every journal file in a data folder, oldest first. */
export async function readJournal(dir: string): Promise<JournalRead> {
  const files = await journalFiles(dir);
  const entries: JournalEntry[] = [];
  let skipped = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const value = JSON.parse(line) as Partial<JournalEntry>;
        if (
          (value.type === 'question' || value.type === 'feedback') &&
          typeof value.question === 'string' &&
          typeof value.time === 'string'
        ) {
          entries.push(value as JournalEntry);
        } else {
          skipped++;
        }
      } catch {
        skipped++;
      }
    }
  }
  return { entries, skipped, files };
}

/** Parses `7d`, `24h`, `30m`, `2w` or an ISO date into the earliest time to include. */
export function parseSince(value: string, now: Date = new Date()): Date | undefined {
  const match = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (match) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(match[1]) * unit);
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
