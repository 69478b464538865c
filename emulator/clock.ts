// The sandbox clock's wire form (shared/sandbox-protocol.md): ISO 8601 UTC, whole seconds shown
// without a fraction ("2026-01-01T00:00:00Z").

export const DEFAULT_START = Date.parse('2026-01-01T00:00:00Z');

export function isoSeconds(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

/** Epoch ms of an ISO 8601 UTC time, or undefined when it is not one. */
export function parseIsoUtc(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]00:?00)$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
