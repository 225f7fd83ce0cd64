import { z } from "zod";
import { checkDepth, checkImageBytes, checkParts, checkText } from "./check-parts";
import { type Effort, efforts } from "./effort";
import { type FilePart, filePart } from "./file-part";
import { type ImagePart, imagePart, type UserPart } from "./image-part";
import { type ToolSwitch, toolsOff } from "./tools-off";

export { parseResumePoint } from "./resume-point";
export type { Effort, FilePart, ImagePart, UserPart };

// PROTOCOL.md section 1: the request body, shared by the route (validation), the CLI and the client.

const text = z.string();

/** Sizes a request may have; the server reads them from its configuration (lib/config.ts). */
export interface RequestLimits {
  maxMessages: number;
  maxMessageChars: number;
  /** Files one user message may carry, and the characters of their text together (section 20). */
  maxFiles: number;
  maxFileChars: number;
  /** Images one user message may carry, one image's bytes, and all the request's images' bytes (section 20). */
  maxImages: number;
  imageMaxBytes: number;
  conversationImageBytes: number;
}

const DEFAULT_LIMITS: RequestLimits = {
  maxMessages: 500,
  maxMessageChars: 200_000,
  maxFiles: 10,
  maxFileChars: 200_000,
  maxImages: 4,
  imageMaxBytes: 5_000_000,
  conversationImageBytes: 6_000_000,
};

export const reasoningPart = z.object({ type: z.literal("reasoning"), text });
export const textPart = z.object({ type: z.literal("text"), text });
export const toolPart = z
  .looseObject({
    type: z.literal("tool"),
    id: z.string().min(1),
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).default({}),
    raw_arguments: z.string().optional(),
    server: z.string().optional(),
    result: z.unknown().optional(),
    error: z.string().optional(),
  })
  .refine((part) => (part.result !== undefined) !== (part.error !== undefined), {
    message: "a tool part needs exactly one of result or error",
  });
export const messagePart = z.discriminatedUnion("type", [reasoningPart, textPart, toolPart]);

export const chatMessage = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: text,
  // An assistant turn's reasoning, text and tools; a user turn's files and images (section 20).
  parts: z
    .array(z.discriminatedUnion("type", [reasoningPart, textPart, toolPart, filePart, imagePart]))
    .optional(),
});

const recordId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, "use letters, digits, '_', '-', '.' or ':'");

const userPart = z.discriminatedUnion("type", [filePart, imagePart]);

/** Section 10: the stored conversation a request continues; the server builds the model's input. */
export const conversationTurn = z.object({
  id: recordId,
  parent_id: recordId.nullable(),
  message: z.object({ id: recordId, content: text, parts: z.array(userPart).optional() }).optional(),
  answer_id: recordId,
});

export type ConversationTurn = z.infer<typeof conversationTurn>;

const effort = z.enum(efforts, { error: "use low, high or max" });

type RequestFields = {
  prompt?: string | undefined;
  messages?: ChatMessage[] | undefined;
  conversation?: ConversationTurn | undefined;
};

/** With a conversation the server, not the client, says what came before. */
function checkTurn(body: RequestFields, limits: RequestLimits, ctx: z.RefinementCtx): void {
  const turn = body.conversation;
  if (!turn) return;
  for (const field of ["messages", "prompt"] as const) {
    if (body[field] !== undefined) {
      ctx.addIssue({ code: "custom", path: [field], message: "must be absent with conversation" });
    }
  }
  if (turn.message) {
    const path = ["conversation", "message", "content"];
    checkText(turn.message.content, path, limits, ctx);
    const parts = turn.message.parts ?? [];
    checkParts("user", parts, ["conversation", "message", "parts"], limits, ctx);
    checkImageBytes([{ parts }], (_, j) => ["conversation", "message", "parts", j], limits, ctx);
    // A file alone is a question too ("summarise this"); nothing at all is not.
    if (turn.message.content.trim() === "" && parts.length === 0)
      ctx.addIssue({ code: "custom", path, message: "must not be empty" });
    if (turn.message.id === turn.answer_id) {
      ctx.addIssue({
        code: "custom",
        path: ["conversation", "answer_id"],
        message: "must differ from message.id",
      });
    }
  } else if (turn.parent_id === null) {
    ctx.addIssue({
      code: "custom",
      path: ["conversation", "parent_id"],
      message: "a regenerate (no message) names the user message to answer again",
    });
  }
}

const makeRequestBody = (limits: RequestLimits) =>
  z
    .object({
      prompt: z.string().trim().min(1, "prompt must not be empty").optional(),
      messages: z.array(chatMessage).min(1, "messages must not be empty").optional(),
      conversation: conversationTurn.optional(),
      thinking: z.boolean().default(true),
      effort: effort.optional(),
      stream: z.boolean().default(true),
      model: z.string().min(1).optional(),
      resumable: z.boolean().default(false),
      // Section 21: offer the web tools for this answer.
      search: z.boolean().default(false),
      tools_off: toolsOff.optional(), // Section 25: servers and tools this answer goes without.
    })
    .superRefine((body, ctx) => {
      // An effort is how hard to think: asking for one with thinking off is a contradiction.
      if (body.effort !== undefined && !body.thinking) {
        ctx.addIssue({ code: "custom", path: ["effort"], message: "must be absent with thinking: false" });
      }
      if (body.conversation) return checkTurn(body, limits, ctx);
      if ((body.prompt === undefined) === (body.messages === undefined)) {
        ctx.addIssue({ code: "custom", path: ["prompt"], message: "send exactly one of prompt or messages" });
        return;
      }
      if (body.prompt !== undefined) checkText(body.prompt, ["prompt"], limits, ctx);
      const messages = body.messages;
      if (!messages) return;
      if (messages.length > limits.maxMessages) {
        ctx.addIssue({
          code: "custom",
          path: ["messages"],
          message: `more than ${limits.maxMessages} messages`,
        });
        return;
      }
      for (const [i, message] of messages.entries())
        checkText(message.content, ["messages", i, "content"], limits, ctx);
      messages.forEach((message, i) => {
        checkParts(message.role, message.parts, ["messages", i, "parts"], limits, ctx);
        checkDepth(message.parts, ["messages", i, "parts"], ctx);
      });
      checkImageBytes(messages, (i, j) => ["messages", i, "parts", j], limits, ctx);
      const last = messages.at(-1);
      if (last && last.role !== "user") {
        ctx.addIssue({
          code: "custom",
          path: ["messages", messages.length - 1, "role"],
          message: "the last message must be the user's",
        });
      }
      if (last && last.content.trim() === "" && !last.parts?.length) {
        ctx.addIssue({
          code: "custom",
          path: ["messages", messages.length - 1, "content"],
          message: "the last user message must not be empty",
        });
      }
    });

// A schema is compiled on its first parse (zod 4 generates a fast path per instance); making one per
// request cost more CPU than the rest of a short answer. One per set of limits, then.
const requestBodies = new Map<string, ReturnType<typeof makeRequestBody>>();

function requestBody(limits: RequestLimits) {
  const key = [
    limits.maxMessages,
    limits.maxMessageChars,
    limits.maxFiles,
    limits.maxFileChars,
    limits.maxImages,
    limits.imageMaxBytes,
    limits.conversationImageBytes,
  ].join(":");
  let schema = requestBodies.get(key);
  if (!schema) {
    if (requestBodies.size >= 8) requestBodies.clear();
    schema = makeRequestBody(limits);
    requestBodies.set(key, schema);
  }
  return schema;
}

export type ReasoningPart = z.infer<typeof reasoningPart>;
export type TextPart = z.infer<typeof textPart>;
export type ToolPart = z.infer<typeof toolPart>;
export type MessagePart = z.infer<typeof messagePart>;
/** A part of any message: an assistant's reasoning, text or tool, or a user's file or image. */
export type ChatPart = MessagePart | UserPart;
export type ChatMessage = z.infer<typeof chatMessage>;

export interface ChatRequest {
  /** Empty when `conversation` is set: the server fills it from the stored path. */
  messages: ChatMessage[];
  thinking: boolean;
  /** Absent: the provider's default (DeepSeek's is high). */
  effort?: Effort | undefined;
  stream: boolean;
  model: string | undefined;
  resumable: boolean;
  /** Section 21: the web tools are offered for this answer. */
  search: boolean;
  tools_off?: ToolSwitch[] | undefined; // Section 25: the servers and tools it goes without.
  conversation?: ConversationTurn;
}

export type ParseResult = { ok: true; request: ChatRequest } | { ok: false; field: string; message: string };

/** `messages[2].role` from zod's path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === "number") return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, "");
}

export function parseChatRequest(body: unknown, limits: RequestLimits = DEFAULT_LIMITS): ParseResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, field: "body", message: "the body must be a JSON object" };
  }
  const parsed = requestBody(limits).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = fieldName(issue?.path ?? []) || "body";
    return { ok: false, field, message: `${field}: ${issue?.message ?? "invalid"}` };
  }
  const { prompt, messages, conversation, thinking, effort, stream, model, resumable, search, tools_off } =
    parsed.data;
  const reasoning = { thinking, ...(effort ? { effort } : {}), search, ...(tools_off ? { tools_off } : {}) };
  if (conversation) {
    // A stored conversation's answer is detached: it completes in the database with no reader.
    return {
      ok: true,
      request: { messages: [], ...reasoning, stream: true, model, resumable: true, conversation },
    };
  }
  return {
    ok: true,
    request: {
      messages: messages ?? [{ role: "user", content: prompt ?? "" }],
      ...reasoning,
      stream,
      model,
      resumable,
    },
  };
}

const booleanWords: Record<string, boolean> = { true: true, "1": true, false: false, "0": false };

/** `GET /api/chat?prompt=…&thinking=…&effort=…`: always streams. */
export function parseChatQuery(params: URLSearchParams, limits: RequestLimits = DEFAULT_LIMITS): ParseResult {
  const prompt = params.get("prompt");
  const thinkingParam = params.get("thinking");
  const thinking = thinkingParam === null ? true : booleanWords[thinkingParam.toLowerCase()];
  if (thinking === undefined) {
    return { ok: false, field: "thinking", message: "thinking: use true, false, 1 or 0" };
  }
  const body: Record<string, unknown> = { prompt: prompt ?? undefined, thinking };
  const model = params.get("model");
  if (model !== null) body.model = model;
  const effortParam = params.get("effort");
  if (effortParam !== null) body.effort = effortParam;
  const searchParam = params.get("search");
  if (searchParam !== null) {
    const search = booleanWords[searchParam.toLowerCase()];
    if (search === undefined)
      return { ok: false, field: "search", message: "search: use true, false, 1 or 0" };
    body.search = search;
  }
  if (prompt === null)
    return { ok: false, field: "prompt", message: "prompt: the prompt parameter is required" };
  const result = parseChatRequest(body, limits);
  if (result.ok) result.request.stream = true;
  return result;
}
