import "server-only";
import { type Access, checkAccess, refuseAccess } from "@/lib/http/access-code";
import { ownerFor } from "@/lib/http/owner";
import { invalidRequest, jsonError } from "@/lib/http/responses";
import type { ConversationRepository, ConversationTree } from "@/lib/store/conversation-repository";
import { getStore } from "@/lib/store/get-store";
import type { Store } from "@/lib/store/open-store";
import { isStoreError } from "@/lib/store/store-error";

// What every request that touches history checks, in order (PROTOCOL.md section 10): the access
// code, an owner (Bearer clients have none: 403), a store (none on Vercel without a database:
// 404), and a reachable one (503, before anything is sent to the model).

export type HistoryAccess =
  | { ok: true; owner: string; repo: ConversationRepository; store: Store }
  | { ok: false; response: Response };

/** `access`: the request's access check, when the route has made it already. */
export async function openHistory(
  request: Request,
  access: Access = checkAccess(request.headers),
): Promise<HistoryAccess> {
  const denied = refuseAccess(access);
  if (denied) return { ok: false, response: denied };
  const owner = ownerFor(request.headers, access);
  if (!owner) {
    return {
      ok: false,
      response: jsonError(
        "no_history",
        "This client has no history: conversations are kept for browsers signed in with the access code, not for Bearer clients. Send the request without `conversation`.",
      ),
    };
  }
  try {
    const store = await getStore();
    if (!store) return { ok: false, response: historyOff() };
    return { ok: true, owner, repo: store.conversations, store };
  } catch (error) {
    return { ok: false, response: storeUnavailable(error) };
  }
}

function historyOff(): Response {
  return jsonError(
    "history_off",
    "History is kept in this browser: this server has no database. Set DATABASE_URL to keep conversations on the server (README: Deploying to Vercel).",
  );
}

/** 503 for a database that did not answer; the reason is the driver's one line, no stack. */
export function storeUnavailable(error: unknown): Response {
  const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 200);
  console.error(`[store] unavailable: ${reason}`);
  return jsonError(
    "store_unavailable",
    `The database is unreachable: ${reason || "no answer"}; nothing was sent to the model.`,
    { "Retry-After": "5" },
  );
}

/**
 * Runs a route's store work: a cursor the store did not make is the client's mistake (400), any
 * other failure is the database's (503).
 */
export async function withStore(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (isStoreError(error, "invalid_cursor")) return invalidRequest(`cursor: ${error.message}`);
    if (isStoreError(error, "conflict")) return notFound();
    return storeUnavailable(error);
  }
}

/** A conversation as its owner reads it now: answers whose run died are marked interrupted first. */
export async function readConversation(
  { owner, repo }: { owner: string; repo: ConversationRepository },
  id: string,
): Promise<ConversationTree | undefined> {
  await repo.interruptLapsed({ ownerId: owner, conversationId: id });
  return repo.getConversation(owner, id);
}

/** Another owner's conversation and a missing one look the same. */
export function notFound(what = "conversation"): Response {
  return jsonError("not_found", `No such ${what}.`);
}
