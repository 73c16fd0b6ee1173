/**
 * Making text safe for Slack mrkdwn: nothing a user types (or a knowledge file holds) may turn into a mention, a
 * channel-wide ping, a link or formatting nobody wrote; and e-mail addresses can be redacted for channel posts.
 */

/** Marks a bold run inside text before escaping; turned into `*` only at the very end. */
export const BOLD_OPEN = '\uE000';
export const BOLD_CLOSE = '\uE001';

// Formatting characters are swapped for look-alikes: mrkdwn has no backslash escape, and a zero-width space is
// not reliably treated as a word boundary by every Slack client.
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\u02CD',
  '~': '\u223C',
  '`': '\u02CB',
};

// The local part starts only where a run of its characters starts (the lookbehind): without it a long run with no
// `@` is scanned again from every position, and a 40 KB question takes seconds to redact.
const LOCAL = `\\p{L}\\p{N}._%+\\-${BOLD_OPEN}${BOLD_CLOSE}`;
const EMAIL = new RegExp(
  `(?<![${LOCAL}])[${LOCAL}]+@[\\p{L}\\p{N}\\-${BOLD_OPEN}${BOLD_CLOSE}]+(?:\\.[\\p{L}\\p{N}\\-${BOLD_OPEN}${BOLD_CLOSE}]+)+`,
  'gu',
);

/** What a redacted e-mail address reads as. */
export const EMAIL_REDACTED = '[e-mail: ask me in a DM]';

/**
 * Control characters (C0, DEL and C1, whose U+009B some terminals read as ESC [) become spaces, private sentinels
 * too, and half a surrogate pair (text cut inside an emoji) becomes U+FFFD: same length, so offsets stay valid.
 */
export function sanitize(text: string): string {
  return String(text ?? '')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\uE000\uE001]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Escapes text for a mrkdwn field: `&`, `<`, `>` as entities (so `<!channel>`, `<@U…>` and `<url|label>` stay text),
 * formatting characters as look-alikes, and `@here`/`@channel`/`@everyone` broken with a word joiner.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => LOOK_ALIKE[c] ?? c)
    .replace(/@(here|channel|everyone)/gi, '@\u2060$1');
}

/** Escapes one line of user input: sanitised, whitespace collapsed (no line may start a quote), escaped. */
export function escapeUserText(text: string): string {
  return escapeMrkdwn(sanitize(text).replace(/\s+/g, ' ').trim());
}

/** Longest echo of a user's line inside one of our sentences: enough to recognise it, short enough to keep the sentence whole. */
export const ECHO_MAX = 300;

/** Escapes a user's line for echoing inside one of our sentences, clipped so the sentence around it is never cut. */
export function escapeEcho(text: string): string {
  return clipMrkdwn(escapeUserText(text), ECHO_MAX);
}

/** True when the text holds something that looks like an e-mail address. */
export function hasEmail(text: string): boolean {
  EMAIL.lastIndex = 0;
  const found = EMAIL.test(text);
  EMAIL.lastIndex = 0;
  return found;
}

/** Replaces e-mail addresses (even ones with bold sentinels inside) with a short note; keeps bold runs balanced. */
export function redactEmails(text: string): string {
  return balanceBold(text.replace(EMAIL, EMAIL_REDACTED));
}

/** Drops bold sentinels that lost their partner (after a cut or a redaction). */
export function balanceBold(text: string): string {
  if (!text.includes(BOLD_OPEN) && !text.includes(BOLD_CLOSE)) return text;
  let out = '';
  let open = -1;
  for (const ch of text) {
    if (ch === BOLD_OPEN) {
      if (open >= 0) continue;
      open = out.length;
      out += ch;
    } else if (ch === BOLD_CLOSE) {
      if (open < 0) continue;
      open = -1;
      out += ch;
    } else {
      out += ch;
    }
  }
  return open >= 0 ? out.slice(0, open) + out.slice(open + 1) : out;
}

/** Turns the bold sentinels into mrkdwn `*`. */
export function finishBold(text: string): string {
  return text.replaceAll(BOLD_OPEN, '*').replaceAll(BOLD_CLOSE, '*');
}

/**
 * Cuts escaped mrkdwn to `max` characters with an ellipsis, never inside an `&…;` entity, a `<…>` link or a bold run.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  const lt = text.lastIndexOf('<', cut);
  if (lt >= 0 && text.indexOf('>', lt) >= cut) cut = lt;
  // Never between the two halves of a surrogate pair (an emoji): a lone half is not text Slack can show.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${balanceBold(text.slice(0, cut)).trimEnd()}…`;
}

/** Cuts plain text to `max` characters with an ellipsis. */
export function clipPlain(text: string, max: number): string {
  const clean = sanitize(text).replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let out = '';
  for (const ch of clean) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** A mrkdwn link to a knowledge URL (http and https only); otherwise just the escaped label. */
export function link(url: string | undefined, label: string): string {
  const safe = url && /^https?:\/\/[^\s<>|]+$/i.test(url) ? url.replace(/&/g, '&amp;') : undefined;
  return safe ? `<${safe}|${label}>` : label;
}
