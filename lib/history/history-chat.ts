import "server-only";
import { randomUUID } from "node:crypto";
import { ChatError } from "@/lib/agent/chat-error";
import { resolveModel } from "@/lib/agent/run-agent";
import { titleFrom } from "@/lib/chat-client/title-from";
import { toRequestMessages } from "@/lib/chat-client/to-request-messages";
import { loadConfig } from "@/lib/config";
import { chatResponse } from "@/lib/http/chat-response";
import { chatErrorResponse, invalidRequest } from "@/lib/http/responses";
import type { ChatMessage, ChatRequest, ConversationTurn } from "@/lib/protocol/request";
import { newStreamId } from "@/lib/resume";
import type { ConversationRepository, StoredMessage } from "@/lib/store/conversation-repository";
import { StoreError } from "@/lib/store/store-error";
import type { AnswerTarget } from "./answer-saver";
import { leaseMs } from "./answer-saver";
import { notFound, openHistory, withStore } from "./history-access";
import { recordAnswer } from "./record-answer";

// POST /api/chat naming a conversation (PROTOCOL.md section 10). In order: the model on offer →
// an owner (403) → a reachable store (503) → the user message stored → the answer created
// `streaming`, held by this run's lease → the agent, detached, its events saved as they stream.
// What goes to the model is the stored path, never what the client sends.

type Prepared =
  | { ok: true; messages: ChatMessage[]; answerParent: string; userId: string | undefined }
  | { ok: false; response: Response };

export async function historyChatResponse(
  request: Request,
  chat: ChatRequest,
  turn: ConversationTurn,
  startedAt: number,
): Promise<Response> {
  let model: string;
  try {
    model = resolveModel(loadConfig(), chat.model);
  } catch (error) {
    if (error instanceof ChatError) return chatErrorResponse(error);
    throw error;
  }
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () => {
    const prepared = await prepareTurn(repo, owner, turn);
    if (!prepared.ok) return prepared.response;
    const runId = randomUUID();
    const streamId = newStreamId();
    const target: AnswerTarget = {
      repo,
      owner,
      ref: { conversationId: turn.id, messageId: turn.answer_id },
      runId,
      model,
      leaseMs: leaseMs(),
    };
    const answer = await appendOnce(repo, owner, turn.id, prepared.answerParent, "conversation.answer_id", {
      id: turn.answer_id,
      role: "assistant",
      status: "streaming",
      model,
      reasoning: chat.thinking ? "enabled" : "disabled",
      lease: { runId, ttlMs: target.leaseMs },
      streamId,
    });
    if (!("id" in answer)) return answer.response;
    const ids = {
      conversation_id: turn.id,
      ...(prepared.userId ? { message_id: prepared.userId } : {}),
      answer_id: turn.answer_id,
    };
    const response = await chatResponse(request, { ...chat, model, messages: prepared.messages }, startedAt, {
      streamId,
      observe: (events) => recordAnswer(events, target, ids),
    });
    // The run never started (the stream store refused it): the answer ends here, saying why.
    if (!response.ok) await endUnstarted(target, response);
    return response;
  });
}

/** Creates the conversation for its first question, stores the question, and reads the path. */
async function prepareTurn(
  repo: ConversationRepository,
  owner: string,
  turn: ConversationTurn,
): Promise<Prepared> {
  if (turn.message && turn.parent_id === null) {
    await repo.createConversation(owner, { id: turn.id, title: titleFrom(turn.message.content) });
  }
  const path = turn.parent_id === null ? [] : await repo.getPath(owner, turn.id, turn.parent_id);
  if (!path) return { ok: false, response: notFound("conversation or parent message") };
  if (!turn.message) {
    if (path.at(-1)?.role !== "user") {
      return {
        ok: false,
        response: invalidRequest("conversation.parent_id: a regenerate answers a user message"),
      };
    }
    return {
      ok: true,
      messages: toRequestMessages(path),
      answerParent: turn.parent_id ?? "",
      userId: undefined,
    };
  }
  const user = await appendOnce(repo, owner, turn.id, turn.parent_id, "conversation.message.id", {
    id: turn.message.id,
    role: "user",
    content: turn.message.content,
  });
  if (!("id" in user)) return user;
  return { ok: true, messages: toRequestMessages([...path, user]), answerParent: user.id, userId: user.id };
}

/** Appends a message; a repeated id is the client's mistake, a missing parent a 404. */
async function appendOnce(
  repo: ConversationRepository,
  owner: string,
  conversationId: string,
  parentId: string | null,
  field: string,
  message: Parameters<ConversationRepository["appendMessage"]>[3],
): Promise<StoredMessage | { ok: false; response: Response }> {
  try {
    const stored = await repo.appendMessage(owner, conversationId, parentId, message);
    return stored ?? { ok: false, response: notFound("conversation or parent message") };
  } catch (error) {
    if (error instanceof StoreError && error.code === "conflict") {
      return { ok: false, response: invalidRequest(`${field}: a message with this id exists already`) };
    }
    throw error;
  }
}

async function endUnstarted(target: AnswerTarget, response: Response): Promise<void> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const error =
    typeof body === "object" &&
    body !== null &&
    "error" in body &&
    typeof body.error === "object" &&
    body.error
      ? body.error
      : {};
  const message =
    "message" in error && typeof error.message === "string" ? error.message : "The answer did not start.";
  const code = "code" in error && typeof error.code === "string" ? { code: error.code } : {};
  await target.repo
    .updateAnswer(target.owner, target.ref, target.runId, {
      status: "error",
      finishReason: "error",
      error: { finish_reason: "error", message, ...code },
    })
    .catch(() => {});
}
