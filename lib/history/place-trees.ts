import type { ArchivedConversation, ArchivedMessage } from "@/lib/store/archive-repository";
import type { Parsed } from "./history-schemas";

// What the types of an export file cannot say: each conversation is a tree. Ids are unique, every
// parent is a message of the same conversation, no message is its own ancestor, and the current
// leaf is one of its messages. The trees come back ordered parents first, the order the store
// inserts them in; the first problem found is named with its place in the file.

export function placeTrees(list: ArchivedConversation[]): Parsed<ArchivedConversation[]> {
  const owners = new Map<string, number>();
  const seen = new Set<string>();
  for (const [index, conversation] of list.entries()) {
    if (seen.has(conversation.id)) return refused(`conversations.${index}.id`, `${conversation.id} repeats`);
    seen.add(conversation.id);
    for (const message of conversation.messages) owners.set(message.id, index);
  }
  const placed: ArchivedConversation[] = [];
  for (const [index, conversation] of list.entries()) {
    const tree = placeTree(conversation, `conversations.${index}`, (id) => owners.get(id));
    if (!tree.ok) return tree;
    placed.push(tree.value);
  }
  return { ok: true, value: placed };
}

function placeTree(
  conversation: ArchivedConversation,
  at: string,
  conversationOf: (messageId: string) => number | undefined,
): Parsed<ArchivedConversation> {
  const { messages } = conversation;
  const byId = new Map<string, ArchivedMessage>();
  for (const [index, message] of messages.entries()) {
    if (byId.has(message.id)) return refused(`${at}.messages.${index}.id`, `${message.id} repeats`);
    byId.set(message.id, message);
  }
  for (const [index, { parentId }] of messages.entries()) {
    if (parentId === null || byId.has(parentId)) continue;
    const elsewhere = conversationOf(parentId);
    return refused(
      `${at}.messages.${index}.parentId`,
      elsewhere === undefined
        ? `${parentId} is not a message of this conversation`
        : `${parentId} is a message of another conversation (conversations.${elsewhere})`,
    );
  }
  const ordered = parentsFirst(messages);
  if (ordered.length < messages.length) {
    const reached = new Set(ordered);
    const stuck = messages.findIndex((message) => !reached.has(message));
    return refused(`${at}.messages.${stuck}.parentId`, "its parents form a cycle");
  }
  const leaf = conversation.currentLeafId;
  if (leaf === null ? messages.length > 0 : !byId.has(leaf)) {
    return refused(`${at}.currentLeafId`, "must name a message of this conversation");
  }
  return { ok: true, value: { ...conversation, messages: ordered } };
}

/** Breadth first from the roots, in the file's order among siblings; a cycle is never reached. */
function parentsFirst(messages: ArchivedMessage[]): ArchivedMessage[] {
  const children = new Map<string | null, ArchivedMessage[]>();
  for (const message of messages) {
    const siblings = children.get(message.parentId) ?? [];
    siblings.push(message);
    children.set(message.parentId, siblings);
  }
  const ordered = [...(children.get(null) ?? [])];
  for (let i = 0; i < ordered.length; i++) {
    const message = ordered[i];
    // One by one: spreading a hostile file's 100,000 siblings would overflow the call's arguments.
    for (const child of (message && children.get(message.id)) ?? []) ordered.push(child);
  }
  return ordered;
}

function refused(field: string, problem: string): { ok: false; message: string } {
  return { ok: false, message: `${field}: ${problem}` };
}
