import type { UIMessage, UserPart } from "./types";

// What a chat request sends instead of `messages` when the server keeps the history (PROTOCOL.md
// section 10): the conversation, the message the new one hangs under, the new question (absent on
// regenerate) and the id the answer gets. The server builds the model's input from its own copy.

export interface ConversationRef {
  id: string;
  parent_id: string | null;
  message?: { id: string; content: string; parts?: UserPart[] };
  answer_id: string;
}

/**
 * `path` is what the answer follows: root → the question it answers. `asked`: that question is new
 * (a send, or an edit: a sibling of the edited turn); otherwise it is asked again (regenerate).
 */
export function conversationRef(
  conversationId: string,
  path: readonly UIMessage[],
  asked: boolean,
  answerId: string,
): ConversationRef | undefined {
  const question = path.at(-1);
  if (question?.role !== "user") return undefined;
  if (!asked) return { id: conversationId, parent_id: question.id, answer_id: answerId };
  return {
    id: conversationId,
    parent_id: path.at(-2)?.id ?? null,
    message: { id: question.id, content: question.content, ...filesOf(question) },
    answer_id: answerId,
  };
}

/** The question's files and images, when it has any (PROTOCOL.md section 20). */
function filesOf(question: UIMessage): { parts?: UserPart[] } {
  const parts = question.parts.filter(
    (part): part is UserPart => part.type === "file" || part.type === "image",
  );
  return parts.length > 0 ? { parts } : {};
}
