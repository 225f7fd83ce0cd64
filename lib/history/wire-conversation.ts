import "server-only";
import type { ConversationTree, StoredMessage } from "@/lib/store/conversation-repository";

// A stored conversation as the routes send it (PROTOCOL.md section 10): the lease is the server's
// bookkeeping, not the client's business.

export type WireMessage = Omit<StoredMessage, "lease">;

export function toWireMessage({ lease: _lease, ...message }: StoredMessage): WireMessage {
  return message;
}

export function toWireTree(
  tree: ConversationTree,
): Omit<ConversationTree, "messages"> & { messages: WireMessage[] } {
  return { ...tree, messages: tree.messages.map(toWireMessage) };
}
