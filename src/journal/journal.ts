/**
 * The question journal: JSON Lines under `DATA_DIR`, one line per question or feedback, rotated by size.
 * Writes are queued so lines never interleave, and a failed write is reported to the logger, never thrown.
 */
import { appendFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { QUESTION_MAX, type Journal, type JournalEntry } from './entry.ts';

export const JOURNAL_FILE = 'questions.jsonl';

export interface JournalOptions {
  /** Folder for the journal (created on first write). */
  readonly dir: string;
  /** Keep Slack user and channel ids (off by default). */
  readonly logUserIds?: boolean;
  /** Rotate when the file would grow past this many bytes. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one. */
  readonly keep?: number;
  /** Where write failures are reported. */
  readonly onError?: (error: unknown) => void;
}

/** A journal that appends to `<dir>/questions.jsonl`. */
export function createJournal(options: JournalOptions): Journal & { readonly file: string; flush(): Promise<void> } {
  const file = path.join(options.dir, JOURNAL_FILE);
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const keep = options.keep ?? 5;
  let size: number | undefined;
  // Lines wait here while a write is in flight, then go out together in one append: at thousands of questions a
  // second, one write per line would spend the disk on open and close.
  let pending: Array<{ line: string; done: () => void }> = [];
  let writing: Promise<void> | undefined;

  const write = async (text: string) => {
    if (size === undefined) {
      await mkdir(options.dir, { recursive: true });
      size = await stat(file).then(
        (s) => s.size,
        () => 0,
      );
    }
    const bytes = Buffer.byteLength(text);
    if (size > 0 && size + bytes > maxBytes) {
      await rotate(options.dir, file, keep);
      size = 0;
    }
    await appendFile(file, text, 'utf8');
    size += bytes;
  };

  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await write(batch.map((b) => b.line).join(''));
      } catch (error) {
        size = undefined;
        options.onError?.(error);
      }
      for (const b of batch) b.done();
    }
    writing = undefined;
  };

  return {
    file,
    record(entry: JournalEntry): Promise<void> {
      const line = `${JSON.stringify(capped(options.logUserIds ? entry : withoutIds(entry)))}\n`;
      return new Promise<void>((resolve) => {
        pending.push({ line, done: resolve });
        writing ??= drain();
      });
    },
    flush: () => writing ?? Promise.resolve(),
  };
}

/** The entry with its question cut to `QUESTION_MAX` characters (never inside an emoji) and its full length noted. */
function capped(entry: JournalEntry): JournalEntry {
  if (entry.question.length <= QUESTION_MAX) return entry;
  const high = entry.question.charCodeAt(QUESTION_MAX - 1);
  const cut = high >= 0xd800 && high <= 0xdbff ? QUESTION_MAX - 1 : QUESTION_MAX;
  return { ...entry, question: entry.question.slice(0, cut), questionLength: entry.question.length };
}

function withoutIds(entry: JournalEntry): JournalEntry {
  const { userId: _user, channelId: _channel, ...rest } = entry;
  return rest as JournalEntry;
}

/** `questions.jsonl` → `questions.<time>.jsonl`; only the newest `keep` rotated files stay. */
async function rotate(dir: string, file: string, keep: number): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await rename(file, path.join(dir, `questions.${stamp}.jsonl`));
  const rotated = (await readdir(dir)).filter((f) => /^questions\..+\.jsonl$/.test(f)).sort();
  for (const old of rotated.slice(0, Math.max(0, rotated.length - keep))) await rm(path.join(dir, old), { force: true });
}

/** Lists the journal files in a data folder, oldest first (rotated ones, then the current one). */
export async function journalFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const rotated = names.filter((f) => /^questions\..+\.jsonl$/.test(f)).sort();
  const current = names.includes(JOURNAL_FILE) ? [JOURNAL_FILE] : [];
  return [...rotated, ...current].map((f) => path.join(dir, f));
}
