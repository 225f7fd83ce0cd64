import "server-only";
import { maySeeStream } from "@/lib/auth/stream-owner";
import { jsonError } from "./responses";

// What the routes under /api/chat/<stream id> share (PROTOCOL.md sections 8 and 24): the id's
// shape, and the one answer for a stream this requester may not know of.

const STREAM_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function unknownStream(): Response {
  return jsonError(
    "stream_not_found",
    "No answer with this stream id: it never existed here, or it finished more than RESUME_TTL_S ago.",
  );
}

/** Whether `id` may name a stream this request may read; another user's is unknown, not forbidden. */
export function mayUseStream(id: string, headers: { get(name: string): string | null }): boolean {
  return STREAM_ID.test(id) && maySeeStream(id, headers);
}
