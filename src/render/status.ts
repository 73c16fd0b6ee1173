/**
 * The knowledge status line maintainers see in App Home and on /healthz when a reload failed.
 */
import type { ReloadStatus } from '../search/live.ts';

/** "2026-11-21 12:03 UTC". */
function clock(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A sentence when the last reload failed, else undefined. */
export function reloadNotice(status: ReloadStatus | undefined): string | undefined {
  if (!status?.failure) return undefined;
  const errors = status.failure.problems.filter((p) => p.severity === 'error').length;
  return (
    `Knowledge reload failed at ${clock(status.failure.at)} (${errors} error${errors === 1 ? '' : 's'}; run npx cluster-bot lint), ` +
    `serving the version loaded at ${clock(status.loadedAt)}.`
  );
}
