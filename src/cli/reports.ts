/**
 * `cluster-bot gaps [--since 7d] [--data DIR] [--json]` and `cluster-bot feedback [...]`: what users asked that the
 * bot could not answer, and which answers they found unhelpful — the maintainers' to-do list.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSince, readJournal } from '../journal/read.ts';
import { feedbackReport, gapsReport } from '../journal/report.ts';
import { jsonLine, terminalSafe } from '../render/terminal.ts';
import type { Io } from './io.ts';

const OPTIONS = {
  since: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

async function read(args: string[], io: Io) {
  const { values } = parseArgs({ args, options: OPTIONS });
  const since = values.since === undefined ? undefined : parseSince(values.since);
  if (values.since !== undefined && since === undefined) {
    throw new Error(`--since takes a span such as 7d, 24h, 2w or a date, not '${values.since}'`);
  }
  const dir = path.resolve(io.cwd, values.data ?? io.env.DATA_DIR ?? 'data');
  const journal = await readJournal(dir);
  if (journal.files.length === 0) io.err(`cluster-bot: no journal in ${dir} yet (set DATA_DIR or pass --data)\n`);
  if (journal.skipped > 0) io.err(`cluster-bot: skipped ${journal.skipped} malformed line(s)\n`);
  return { journal, since, json: values.json };
}

export async function gapsCommand(args: string[], io: Io): Promise<number> {
  const { journal, since, json } = await read(args, io);
  const gaps = gapsReport(journal.entries, since);
  if (json) {
    io.out(jsonLine({ since: since?.toISOString() ?? null, gaps }));
    return 0;
  }
  if (gaps.length === 0) {
    io.out('No unanswered questions.\n');
    return 0;
  }
  io.out(`${gaps.length} unanswered question${gaps.length === 1 ? '' : 's'} (grouped by wording), most asked first:\n\n`);
  for (const gap of gaps) {
    io.out(`${String(gap.count).padStart(4)} × ${terminalSafe(gap.question)}   (last ${terminalSafe(gap.lastAsked.slice(0, 16).replace('T', ' '))})\n`);
    for (const v of gap.variants.slice(0, 3)) io.out(`         also: ${terminalSafe(v)}\n`);
  }
  return 0;
}

export async function feedbackCommand(args: string[], io: Io): Promise<number> {
  const { journal, since, json } = await read(args, io);
  const items = feedbackReport(journal.entries, since);
  if (json) {
    io.out(jsonLine({ since: since?.toISOString() ?? null, notHelpful: items }));
    return 0;
  }
  if (items.length === 0) {
    io.out('No answers marked not helpful.\n');
    return 0;
  }
  io.out(`${items.length} answer${items.length === 1 ? '' : 's'} marked not helpful, most often first:\n\n`);
  for (const item of items) {
    io.out(
      `${String(item.count).padStart(4)} × ${terminalSafe(item.question)}\n         answered with: ${terminalSafe(item.top.join(', ')) || '(nothing)'}\n`,
    );
  }
  return 0;
}
