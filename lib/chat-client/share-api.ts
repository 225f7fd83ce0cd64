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

// No zod in the browser's bundle (lib/house-rules.test.ts): the fields are checked by name.
const TEXT_FIELDS = ["id", "url", "conversationId", "title"] as const;
const NUMBER_FIELDS = ["createdAt", "messageCount"] as const;

const fieldIs = (value: object, key: string, type: "string" | "number") =>
  typeof Reflect.get(value, key) === type;

function isShareLink(value: unknown): value is ShareLink {
  if (typeof value !== "object" || value === null) return false;
  return (
    TEXT_FIELDS.every((key) => fieldIs(value, key, "string")) &&
    NUMBER_FIELDS.every((key) => fieldIs(value, key, "number"))
  );
}

function isShareList(value: unknown): value is { shares: ShareLink[] } {
  if (typeof value !== "object" || value === null) return false;
  const shares: unknown = Reflect.get(value, "shares");
  return Array.isArray(shares) && shares.every(isShareLink);
}
