import { fetchOutcome, type HistoryOutcome } from "./history-api";

// The share-link routes (PROTOCOL.md section 13), from the browser: stateless, typed outcomes,
// no retries, like history-api.ts.

/** One of the owner's links, as the routes send it (times in ms since the epoch). */
export interface ShareLink {
  id: string;
  /** Where anyone may read it: `<PUBLIC_URL or this origin>/s/<id>`. */
  url: string;
  conversationId: string;
  title: string;
  createdAt: number;
  messageCount: number;
}

export class ShareApi {
  constructor(
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly base = "/api/shares",
  ) {}

  /** A new link: a copy of the conversation's branch as it is now. */
  create(conversationId: string): Promise<HistoryOutcome<ShareLink>> {
    const init = {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversationId }),
    };
    return fetchOutcome(this.fetcher, this.base, init, isShareLink);
  }

  /** The owner's links, newest first. */
  list(): Promise<HistoryOutcome<ShareLink[]>> {
    return fetchOutcome(this.fetcher, this.base, { method: "GET" }, isShareList).then((outcome) =>
      outcome.kind === "ok" ? { kind: "ok", value: outcome.value.shares } : outcome,
    );
  }

  revoke(id: string): Promise<HistoryOutcome<null>> {
    const url = `${this.base}/${encodeURIComponent(id)}`;
    return fetchOutcome(this.fetcher, url, { method: "DELETE" }, (body): body is null => body === null);
  }
}

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null;

function isShareLink(value: unknown): value is ShareLink {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    typeof value.url === "string" &&
    typeof value.conversationId === "string" &&
    typeof value.title === "string" &&
    typeof value.createdAt === "number" &&
    typeof value.messageCount === "number"
  );
}

function isShareList(value: unknown): value is { shares: ShareLink[] } {
  return isObject(value) && Array.isArray(value.shares) && value.shares.every(isShareLink);
}
