/**
 * Text as Slack sends it, read back into the words a person typed. Slack sends message and slash-command text in its
 * own format: `&`, `<` and `>` escaped as `&amp;`, `&lt;` and `&gt;`, and mentions, channels and links as `<…>`
 * markup. This is the one place that format is read; everything after it (the engine, the journal, the echo in an
 * answer, button values) holds plain text, which the renderer escapes once on the way out.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack's message format → plain text. People mentions (`<@U…>`) are dropped: they address someone, they are not
 * part of the question. Channels read as `#name`, user groups and `<!here>` as `@handle`, dates and links as their
 * label (a bare link as its address, `mailto:` dropped). Then the three entities are decoded, once: `&amp;lt;`
 * becomes `&lt;`, as the person typed it. Never throws.
 */
export function fromSlackText(text: string): string {
  return String(text ?? '')
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => markupText(inner))
    .replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The question in a message: Slack's format read back, whitespace collapsed. */
export function questionText(text: string): string {
  return fromSlackText(text).replace(/\s+/g, ' ').trim();
}

/** What one `<…>` construct reads as. */
function markupText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  // A space, not nothing: `hi<@U1>there` reads as two words.
  if (/^@[UWB]/.test(target)) return ' ';
  if (target.startsWith('#')) return label ? `#${label}` : '';
  if (target.startsWith('!')) {
    const special = /^!(here|channel|everyone)$/.exec(target)?.[1];
    if (special) return `@${special}`;
    return label;
  }
  // Slack writes a bare `<` or `>` as an entity, so anything else in brackets is not its markup: kept as it came.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return `<${inner}>`;
  if (label) return label;
  return target.replace(/^mailto:/i, '');
}
