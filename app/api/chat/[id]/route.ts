import { streamOwnerKey } from "@/lib/auth/stream-owner";
import { loadConfig } from "@/lib/config";
import { requireAccessCode } from "@/lib/http/access-code";
import { clientAddress } from "@/lib/http/client-address";
import { invalidRequest, jsonError, methodNotAllowed, SSE_HEADERS } from "@/lib/http/responses";
import { mayUseStream, unknownStream } from "@/lib/http/stream-route";
import { parseResumePoint } from "@/lib/protocol/request";
import { getReaderSlots, getStreamStore, readStreamSse } from "@/lib/resume";

// PROTOCOL.md section 8: re-attach to a resumable answer (GET) or stop it (DELETE). The id in the
// path is the secret; the access code guards these like every other route.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

interface Context {
  params: Promise<{ id: string }>;
}

export async function GET(request: Request, context: Context): Promise<Response> {
  const denied = requireAccessCode(request);
  if (denied) return denied;
  const { id } = await context.params;
  const after = parseResumePoint(
    request.headers.get("last-event-id"),
    new URL(request.url).searchParams.get("after"),
  );
  if (!after.ok) return invalidRequest(after.message);
  if (!mayUseStream(id, request.headers)) return unknownStream();
  const store = getStreamStore();
  const status = await store.status(id);
  if (!status) return unknownStream();
  if (status === "finished" && after.value > 0 && !(await hasEventsAfter(id, after.value))) {
    // An EventSource that was not closed on `end` reconnects with the last id: 204 tells it to stop.
    return new Response(null, { status: 204 });
  }
  const config = loadConfig();
  const slot = getReaderSlots().take(id, streamOwnerKey(request.headers, clientAddress(request.headers)), {
    perStream: config.resumeMaxReadersPerStream,
    perClient: config.resumeMaxReadersPerClient,
  });
  if (!slot.ok) return tooManyReaders(slot.full);
  const body = readStreamSse(store, id, after.value, { signal: request.signal, onClose: slot.release });
  return new Response(body, { headers: { ...SSE_HEADERS, "X-Stream-Id": id } });
}

function tooManyReaders(full: "client" | "stream"): Response {
  // A reader's slot comes back when its response closes: soon, for a client that re-attaches.
  const headers = { "Retry-After": "5" };
  if (full === "client") {
    return jsonError(
      "too_many_client_readers",
      "This client already follows as many resumable answers as it may at once (RESUME_MAX_READERS_PER_CLIENT); close one first.",
      headers,
    );
  }
  return jsonError(
    "too_many_readers",
    "This answer already has as many readers as it may at once (RESUME_MAX_READERS_PER_STREAM); close one first.",
    headers,
  );
}

async function hasEventsAfter(id: string, after: number): Promise<boolean> {
  const reader = getStreamStore().read(id, after, AbortSignal.timeout(5_000));
  const first = await reader.next();
  await reader.return();
  return !first.done;
}

export async function DELETE(request: Request, context: Context): Promise<Response> {
  const denied = requireAccessCode(request);
  if (denied) return denied;
  const { id } = await context.params;
  if (!mayUseStream(id, request.headers)) return unknownStream();
  const store = getStreamStore();
  const status = await store.status(id);
  if (!status || !(await store.cancel(id))) return unknownStream();
  // The run stops within a second and every reader gets `end` `{finish_reason: "cancelled"}`.
  const live = status === "live";
  return Response.json({ id, status: live ? "cancelling" : "finished" }, { status: live ? 202 : 200 });
}

const notAllowed = () => methodNotAllowed("GET, DELETE");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
