import "server-only";
import { z } from "zod";
import type { ShareSummary } from "@/lib/store/share-repository";

// Share links as the routes take and send them (PROTOCOL.md section 13).

/** A link's id as newShareId makes it (22 characters), with room for longer ones later. */
const SHARE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function isShareId(value: string): boolean {
  return SHARE_ID.test(value);
}

export const shareBody = z.object({ conversationId: z.string().min(1).max(100) });

export type WireShare = ShareSummary & { url: string };

export function toWireShare(share: ShareSummary, origin: string): WireShare {
  return { ...share, url: sharePath(share.id, origin) };
}

/** `/s/<id>` on `origin`: the page anyone holding the link may read. */
export function sharePath(id: string, origin = ""): string {
  return `${origin}/s/${encodeURIComponent(id)}`;
}
