import type { TreeMessage } from "./history-api";
import type { UIMessage } from "./types";

// A conversation kept on the server is a tree: regenerate and edit add siblings instead of
// overwriting. The client keeps every message with its parent and derives what it shows, the path
// from the root to the current leaf. Pure functions over plain data, tested without a DOM.

/** Where a message stands among its siblings: `index` counts from 1, as ‹ 2 / 3 › shows it. */
export interface BranchPosition {
  index: number;
  count: number;
}

/** The messages from the root down to `leafId`, oldest first; empty for null or an unknown id. */
export function pathTo(messages: readonly TreeMessage[], leafId: string | null): TreeMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const path: TreeMessage[] = [];
  const seen = new Set<string>();
  let at = leafId === null ? undefined : byId.get(leafId);
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    path.push(at);
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return path.reverse();
}

/** The messages under one parent (null: the first turns), oldest first. */
export function childrenOf(messages: readonly TreeMessage[], parentId: string | null): TreeMessage[] {
  return messages.filter((m) => m.parentId === parentId);
}

/** The leaf reached from `id` by always following the newest child: what a branch shows when chosen. */
export function newestLeaf(messages: readonly TreeMessage[], id: string): string {
  let leaf = id;
  for (let child = childrenOf(messages, leaf).at(-1); child; child = childrenOf(messages, leaf).at(-1)) {
    leaf = child.id;
  }
  return leaf;
}

/** For each message on the path (by id) that has siblings: its place among them. */
export function branchPositions(
  messages: readonly TreeMessage[],
  pathIds: readonly string[],
): Map<string, BranchPosition> {
  const positions = new Map<string, BranchPosition>();
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const id of pathIds) {
    const parentId = byId.get(id)?.parentId;
    if (parentId === undefined) continue;
    const siblings = childrenOf(messages, parentId);
    if (siblings.length < 2) continue;
    positions.set(id, { index: siblings.findIndex((s) => s.id === id) + 1, count: siblings.length });
  }
  return positions;
}

/** The leaf to show after moving from message `id` to its previous (-1) or next (+1) sibling. */
export function switchBranch(messages: readonly TreeMessage[], id: string, step: -1 | 1): string | undefined {
  const message = messages.find((m) => m.id === id);
  if (!message) return undefined;
  const siblings = childrenOf(messages, message.parentId);
  const target = siblings[siblings.findIndex((s) => s.id === id) + step];
  return target && newestLeaf(messages, target.id);
}

/**
 * The tree showing `messageId` (a search hit): as it is when the message is on the branch shown,
 * else on the branch through it, to its newest leaf. Unchanged for an unknown id.
 */
export function branchThrough<T extends { messages: readonly TreeMessage[]; currentLeafId: string | null }>(
  tree: T,
  messageId: string | undefined,
): T {
  if (messageId === undefined || !tree.messages.some((m) => m.id === messageId)) return tree;
  if (pathTo(tree.messages, tree.currentLeafId).some((m) => m.id === messageId)) return tree;
  return { ...tree, currentLeafId: newestLeaf(tree.messages, messageId) };
}

/**
 * The tree with a path as the chat controller reports it (new turns, a streaming answer) folded
 * in: each message hangs under the one before it; known ids are replaced in place, new ones added.
 */
export function mergePath(messages: readonly TreeMessage[], path: readonly UIMessage[]): TreeMessage[] {
  const placed = new Map<string, TreeMessage>();
  path.forEach((message, i) => {
    placed.set(message.id, { ...message, parentId: path[i - 1]?.id ?? null });
  });
  const merged = messages.map((m) => placed.get(m.id) ?? m);
  const known = new Set(messages.map((m) => m.id));
  for (const message of placed.values()) if (!known.has(message.id)) merged.push(message);
  return merged;
}

/**
 * An answer streaming in another tab or device, started resumable: the chat re-attaches to it
 * (PROTOCOL.md section 8) from the first event, which replays it whole over what the server saved
 * so far (kept until then, so an expired stream still shows what arrived).
 */
export function reattachable(message: TreeMessage): UIMessage {
  if (message.status !== "streaming" || message.streamId === undefined) return message;
  return { ...message, resume: { streamId: message.streamId, lastEventId: 0 } };
}
