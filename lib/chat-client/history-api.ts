import type { RestoredConversation } from "@/lib/store/archive-repository";
import type { ConversationSummary } from "@/lib/store/conversation-repository";
import { readHttpError } from "./read-http-error";
import type { Conversation, UIMessage } from "./types";

// The conversation routes (PROTOCOL.md section 10), from the browser. Like chat-transport.ts it
// holds no state and never retries: each call says what the server answered, as a typed outcome,
// and the caller decides (sync polls again later; the UI shows the server's sentence).

/** A conversation in the sidebar, as the routes send it (times in ms since the epoch). */
export type { ConversationSummary };

/** A message placed in the tree: siblings share a parent (regenerate, edit). */
export interface TreeMessage extends UIMessage {
  parentId: string | null;
  /** While an answer streams resumably elsewhere: where to re-attach (PROTOCOL.md section 8). */
  streamId?: string;
}

/** Every message of every branch, oldest first, and the leaf that is shown. */
export interface ConversationTree extends ConversationSummary {
  messages: TreeMessage[];
}

export interface SummaryPage {
  conversations: ConversationSummary[];
  nextCursor?: string;
}

export interface ImportResult {
  imported: string[];
  skipped: string[];
}

/** An export file imported: each of its conversations' id here, and the id the file gave it. */
export interface RestoreResult {
  imported: RestoredConversation[];
}

/** The server answered with an error: its code (`store_unavailable`, `not_found`, …) and sentence. */
export interface HistoryFailure {
  kind: "failed";
  status: number;
  code: string;
  message: string;
}

/** No answer at all: offline, or aborted. */
export interface HistoryUnreachable {
  kind: "unreachable";
}

export type HistoryOutcome<T> = { kind: "ok"; value: T } | HistoryFailure | HistoryUnreachable;

export interface ListRequest {
  limit?: number;
  cursor?: string;
  /** Only conversations whose updatedAt is later (sync). */
  since?: number;
}

export class HistoryApi {
  constructor(
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly base = "/api/conversations",
  ) {}

  list(request: ListRequest = {}): Promise<HistoryOutcome<SummaryPage>> {
    const query = new URLSearchParams();
    if (request.limit !== undefined) query.set("limit", String(request.limit));
    if (request.cursor !== undefined) query.set("cursor", request.cursor);
    if (request.since !== undefined) query.set("since", String(request.since));
    const search = query.size > 0 ? `?${query}` : "";
    return this.call(`${this.base}${search}`, { method: "GET" }, isSummaryPage);
  }

  load(id: string): Promise<HistoryOutcome<ConversationTree>> {
    return this.call(this.url(id), { method: "GET" }, isTree);
  }

  update(
    id: string,
    patch: { title?: string; currentLeafId?: string },
  ): Promise<HistoryOutcome<ConversationSummary>> {
    // keepalive: a switch of branch or a rename just before a reload or a closed tab still lands.
    return this.call(this.url(id), { ...json("PATCH", patch), keepalive: true }, isSummary);
  }

  remove(id: string): Promise<HistoryOutcome<null>> {
    return this.call(this.url(id), { method: "DELETE" }, (body): body is null => body === null);
  }

  /** One batch of what an earlier version kept in IndexedDB (at most 200 conversations). */
  import(conversations: Conversation[]): Promise<HistoryOutcome<ImportResult>> {
    return this.call(`${this.base}/import`, json("POST", { conversations }), isImportResult);
  }

  /** An export file back in (PROTOCOL.md section 12), sent as it is: the server checks it. */
  restore(file: Blob): Promise<HistoryOutcome<RestoreResult>> {
    const init = { method: "POST", headers: { "Content-Type": "application/json" }, body: file };
    return this.call("/api/import", init, isRestoreResult);
  }

  private url(id: string): string {
    return `${this.base}/${encodeURIComponent(id)}`;
  }

  private call<T>(
    url: string,
    init: RequestInit,
    valid: (body: unknown) => body is T,
  ): Promise<HistoryOutcome<T>> {
    return fetchOutcome(this.fetcher, url, init, valid);
  }
}

/** One request to the owner's routes (history, share links), as a typed outcome. */
export async function fetchOutcome<T>(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  valid: (body: unknown) => body is T,
): Promise<HistoryOutcome<T>> {
  let response: Response;
  try {
    response = await fetcher(url, {
      ...init,
      headers: { Accept: "application/json", ...init.headers },
    });
  } catch {
    return { kind: "unreachable" };
  }
  if (!response.ok) return { kind: "failed", ...(await readHttpError(response)) };
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  return valid(body) ? { kind: "ok", value: body } : malformed(response.status);
}

/** A summary from a tree or a partial one (a new chat before the server lists it). */
export function summaryOf(
  c: Pick<ConversationSummary, "id" | "title" | "createdAt"> & Partial<ConversationSummary>,
): ConversationSummary {
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt ?? c.createdAt,
    // A summary cached by an earlier version has none: it changed when it was last active.
    changedAt: c.changedAt ?? c.updatedAt ?? c.createdAt,
    currentLeafId: c.currentLeafId ?? null,
  };
}

function json(method: string, body: unknown): RequestInit {
  return { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

function malformed(status: number): HistoryFailure {
  return {
    kind: "failed",
    status,
    code: "malformed_response",
    message: "The server sent history this page cannot read.",
  };
}

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null;

function isSummary(value: unknown): value is ConversationSummary {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    typeof value.title === "string" &&
    typeof value.updatedAt === "number" &&
    typeof value.createdAt === "number" &&
    typeof value.changedAt === "number" &&
    (value.deleted === undefined || value.deleted === true) &&
    (value.currentLeafId === null || typeof value.currentLeafId === "string")
  );
}

function isSummaryPage(value: unknown): value is SummaryPage {
  return isObject(value) && Array.isArray(value.conversations) && value.conversations.every(isSummary);
}

function isMessage(value: unknown): value is TreeMessage {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    (value.parentId === null || typeof value.parentId === "string") &&
    (value.role === "user" || value.role === "assistant") &&
    Array.isArray(value.parts)
  );
}

function isTree(value: unknown): value is ConversationTree {
  return (
    isObject(value) && isSummary(value) && Array.isArray(value.messages) && value.messages.every(isMessage)
  );
}

function isImportResult(value: unknown): value is ImportResult {
  return isObject(value) && Array.isArray(value.imported) && Array.isArray(value.skipped);
}

function isRestoreResult(value: unknown): value is RestoreResult {
  return (
    isObject(value) &&
    Array.isArray(value.imported) &&
    value.imported.every((c) => isObject(c) && typeof c.id === "string" && typeof c.sourceId === "string")
  );
}
