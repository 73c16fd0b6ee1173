/**
 * The command-line entry of the compiled build: `npm run build`, then `node dist/cli/run.js <command>` (what
 * `bin/cluster-bot.js` does from the TypeScript sources, without compiling them at start).
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
