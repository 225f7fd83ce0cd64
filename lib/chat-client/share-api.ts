import { z } from "zod";
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

const shareLink = z.object({
  id: z.string(),
  url: z.string(),
  conversationId: z.string(),
  title: z.string(),
  createdAt: z.number(),
  messageCount: z.number(),
});
const shareList = z.object({ shares: z.array(shareLink) });

const isShareLink = (value: unknown): value is ShareLink => shareLink.safeParse(value).success;
const isShareList = (value: unknown): value is { shares: ShareLink[] } => shareList.safeParse(value).success;
