import "server-only";
import { randomUUID } from "node:crypto";
import { ChatError } from "@/lib/agent/chat-error";
import { resolveModel } from "@/lib/agent/run-agent";
import { streamIdFor } from "@/lib/auth/stream-owner";
import { titleFrom } from "@/lib/chat-client/title-from";
import { toRequestMessages } from "@/lib/chat-client/to-request-messages";
import { loadConfig } from "@/lib/config";
import type { Access } from "@/lib/http/access-code";
import { answerBudget, type DetachedStart, detachedChatResponse } from "@/lib/http/chat-response";
import { chatErrorResponse, invalidRequest } from "@/lib/http/responses";
import type { ChatRequest, ConversationTurn } from "@/lib/protocol/request";
import type { NewTurn, TurnRefusal } from "@/lib/store/conversation-repository";
import type { AnswerTarget } from "./answer-saver";
import { leaseMs } from "./answer-saver";
import { capHistory } from "./cap-history";
import { notFound, openHistory, withStore } from "./history-access";
import { recordAnswer } from "./record-answer";

// POST /api/chat naming a conversation (PROTOCOL.md section 10). In order: the model on offer →
// an owner (403) → a reachable store (503) → the question and the answer (`streaming`, held by
// this run's lease) stored in one statement → the agent, detached, its events saved as they
// stream. What goes to the model is the stored path, never what the client sends.

export async function historyChatResponse(
  request: Request,
  chat: ChatRequest,
  turn: ConversationTurn,
  startedAt: number,
  access?: Access,
): Promise<Response> {
  const config = loadConfig();
  let model: string;
  try {
    model = resolveModel(config, chat.model);
  } catch (error) {
    if (error instanceof ChatError) return chatErrorResponse(error);
    throw error;
  }
  const history = await openHistory(request, access);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () => {
    const target: AnswerTarget = {
      repo,
      owner,
      ref: { conversationId: turn.id, messageId: turn.answer_id },
      runId: randomUUID(),
      model,
      leaseMs: leaseMs(),
    };
    const streamId = streamIdFor(request.headers);
    const begun = await repo.beginTurn(owner, newTurn(turn, target, chat, streamId));
    if (!begun.ok) return refusal(begun.refused);
    // Section 25: the switches sent are the conversation's from now on, for its other devices.
    if (chat.tools_off)
      await history.store.toolSettings.putConversationToolsOff(owner, turn.id, chat.tools_off);
    const ids = {
      conversation_id: turn.id,
      ...(turn.message ? { message_id: turn.message.id } : {}),
      answer_id: turn.answer_id,
    };
    const messages = capHistory(toRequestMessages(begun.path), config.maxMessages);
    const answer = { ...chat, model, messages };
    // Refused by the budget, the answer is stored as the error it ended in, like any answer that
    // never started (PROTOCOL.md section 17).
    const budget = await answerBudget(request, answer, false);
    if (!budget.ok) {
      await endUnstarted(target, budget.error);
      return budget.response;
    }
    const started = await detachedChatResponse(request, answer, startedAt, {
      streamId,
      observer: recordAnswer(target, ids),
      budget: budget.budget,
    });
    // The run never started (the stream store refused it): the answer ends here, saying why.
    if (!started.ok) await endUnstarted(target, started.error);
    return started.response;
  });
}

function newTurn(turn: ConversationTurn, target: AnswerTarget, chat: ChatRequest, streamId: string): NewTurn {
  const { thinking, effort } = chat;
  const { message } = turn;
  return {
    conversationId: turn.id,
    // The first question of a conversation creates it.
    ...(message && turn.parent_id === null
      ? { title: titleFrom(message.content.trim() || (message.parts?.[0]?.name ?? "")) }
      : {}),
    parentId: turn.parent_id,
    ...(message
      ? { question: { id: message.id, content: message.content, parts: message.parts ?? [] } }
      : {}),
    answer: {
      id: turn.answer_id,
      model: target.model,
      reasoning: thinking ? "enabled" : "disabled",
      ...(thinking && effort ? { effort } : {}),
      lease: { runId: target.runId, ttlMs: target.leaseMs },
      streamId,
    },
  };
}

/** A repeated id is the client's mistake (400), a missing conversation or parent a 404. */
function refusal(reason: TurnRefusal): Response {
  switch (reason) {
    case "conversation_taken":
      return notFound();
    case "not_found":
      return notFound("conversation or parent message");
    case "not_a_question":
      return invalidRequest("conversation.parent_id: a regenerate answers a user message");
    case "question_exists":
      return invalidRequest("conversation.message.id: a message with this id exists already");
    case "answer_exists":
      return invalidRequest("conversation.answer_id: a message with this id exists already");
  }
}

async function endUnstarted(
  target: AnswerTarget,
  { code, message }: Extract<DetachedStart, { ok: false }>["error"],
): Promise<void> {
  const error = { finish_reason: "error", message, code } as const;
  await target.repo
    .finishAnswer(target.owner, target.ref, target.runId, {
      status: "error",
      finishReason: "error",
      error,
      // As the client's own reducer ends a refused answer: the error as its one part, so a reload
      // shows the same notice.
      parts: [{ type: "error", ...error }],
    })
    .catch(() => {});
}
