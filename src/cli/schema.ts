/** `cluster-bot schema`: prints the JSON Schema of knowledge files (kept as knowledge/schema.json for editors). */
import { knowledgeJsonSchema } from '../knowledge/schema.ts';
import type { Io } from './io.ts';

export async function schemaCommand(_args: string[], io: Io): Promise<number> {
  io.out(`${JSON.stringify(knowledgeJsonSchema(), null, 2)}\n`);
  return 0;
}
