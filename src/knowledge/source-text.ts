/**
 * The source documents' own text, cut into the sections citations name. A section's span is given once, in
 * `sources.yml`, by its first and last words (`from`, `to`); runs of spaces, tabs and line breaks count as one space
 * on both sides, so re-wrapping the text does not move a section.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A section's span as written in `sources.yml`. */
export interface Span {
  readonly from: string;
  readonly to: string;
}

/** Why a span could not be found: which end, and a sentence saying what to do. */
export interface SpanFault {
  readonly section: string;
  readonly end: 'from' | 'to';
  readonly message: string;
}

/** Collapses every run of whitespace to one space and trims: the form spans are matched in. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a source text into sections: `{ sections: id → section text, faults }`. `from` must occur exactly once in the
 * text; the section ends at the end of the first `to` from there on. Texts are compared with whitespace collapsed.
 */
export function cutSections(
  text: string,
  spans: Readonly<Record<string, Span>>,
): { sections: Map<string, string>; faults: SpanFault[] } {
  const flat = collapseSpace(text);
  const sections = new Map<string, string>();
  const faults: SpanFault[] = [];
  for (const [section, span] of Object.entries(spans)) {
    const from = collapseSpace(span.from);
    const to = collapseSpace(span.to);
    const start = flat.indexOf(from);
    if (start < 0) {
      faults.push({ section, end: 'from', message: `'${span.from}' is not in the source text; copy the section's first words from it` });
      continue;
    }
    const again = flat.indexOf(from, start + 1);
    if (again >= 0) {
      faults.push({
        section,
        end: 'from',
        message: `'${span.from}' occurs ${occurrences(flat, from)} times in the source text; add words until it names one place`,
      });
      continue;
    }
    const end = flat.indexOf(to, start);
    if (end < 0) {
      faults.push({ section, end: 'to', message: `'${span.to}' does not occur after the section's first words; copy its last words from the text` });
      continue;
    }
    sections.set(section, flat.slice(start, end + to.length));
  }
  return { sections, faults };
}

function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
  return n;
}

/**
 * Where a source's text is read from: `file` relative to the knowledge folder, or, when a folder of source texts is
 * given (`SOURCE_TEXTS_DIR`, `lint --source-texts`), the file of the same name in that folder.
 */
export function sourceTextPath(knowledgeDir: string, file: string, textsDir?: string): string {
  return textsDir ? path.resolve(textsDir, path.basename(file)) : path.resolve(knowledgeDir, file);
}

/** Reads a source text: `{ ok: true, text }`, or `{ ok: false, reason }` naming the path tried. Never throws. */
export async function readSourceText(
  absolutePath: string,
): Promise<{ readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string }> {
  try {
    return { ok: true, text: await readFile(absolutePath, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    return { ok: false, reason: code === 'ENOENT' ? `${absolutePath} does not exist` : `${absolutePath} cannot be read (${code ?? String(error)})` };
  }
}
