/**
 * Shared fast-check arbitraries for the property tests: what a Slack user could type, hostile input included.
 */
import fc from 'fast-check';

/** Cases per property; 10,000 by default (`FC_RUNS` to change). */
export const RUNS = Number(process.env.FC_RUNS ?? 10_000);

/** Strings a Slack user could type, hostile ones included. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<#C123|general>', '<https://x.example|y>', '*_~`'),
  fc.string({ unit: fc.constantFrom('*', '_', '~', '`', '<', '>', '&', '!', '@', '#', '|', ':', '"', ' '), maxLength: 60 }),
  fc.constantFrom('\u202Eevil', 'مرحبا', '日本のクラスター', '🚀🚀🚀', '\u0000\u0001\u001b[2J', 'kind: country: year:x'),
  // C1 controls (U+009B is an 8-bit CSI: some terminals read it as ESC [) and e-mail-shaped words.
  fc.constantFrom(
    '\u009b2J\u009b31m red \u0085 next',
    '\u001b]0;title\u0007',
    'mail jane.roe@weavers.example',
    'a_b@x.example',
    '@here @channel',
  ),
  fc
    .tuple(fc.constantFrom('KBIC', 'HBC', 'Tie-Up programme', 'kind:partnership', 'Portville'), fc.string({ maxLength: 40 }))
    .map(([a, b]) => `${a} ${b}`),
  fc.integer({ min: 1, max: 40_000 }).map((n) => 'x'.repeat(n)),
  // Long lines of astral characters: a cut at a fixed length can fall inside a surrogate pair.
  fc.integer({ min: 1, max: 4_000 }).map((n) => '🚀'.repeat(n)),
);
