// PROTOCOL.md section 8: where a re-attaching reader of a resumable answer starts.

/**
 * Where a re-attaching reader resumes (PROTOCOL.md section 8): after `Last-Event-ID`, else after
 * `?after=n`, else from the start. The header wins: an EventSource reconnecting to `…?after=5`
 * sends the id it really got to.
 */
export function parseResumePoint(
  lastEventId: string | null,
  after: string | null,
): { ok: true; value: number } | { ok: false; message: string } {
  const [name, raw] = lastEventId !== null ? ["Last-Event-ID", lastEventId] : ["after", after];
  if (raw === null || raw.trim() === "") return { ok: true, value: 0 };
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
    return {
      ok: false,
      message: `${name}: expected the id of an event (a whole number ≥ 0), got '${raw.slice(0, 40)}'`,
    };
  }
  return { ok: true, value };
}
