/**
 * Reading a rendered answer back: the title of its first answer, shown under the answer when one leads
 * ("*Answer:* …" then "Title  kind · citation") or as the first numbered answer ("*1. Title*").
 */
export function firstAnswerTitle(blocks: ReadonlyArray<Record<string, any>>): string {
  const lead = blocks.findIndex((b) => b.block_id === 'answer_lead' && /^\*Answer:\* /.test(b.text?.text ?? ''));
  if (lead >= 0) return String(blocks[lead + 1]?.elements?.[0]?.text ?? '').split(' · ')[0]!;
  const first = blocks.find((b) => b.type === 'section' && /^\*1\. /.test(b.text?.text ?? ''));
  return String(first?.text?.text ?? '').split('\n')[0]!;
}
