import { MESSAGES } from "./errors";
import type { Message } from "./marker";

/**
 * The request rules DeepSeek enforces, so that code breaking them fails a test here instead of in
 * production. Each check returns the provider's 400 message, or null when the request is fine.
 */

export type ChatRequest = {
  model: string;
  messages: Message[];
  thinking: boolean;
  stream: boolean;
  toolNames: Set<string>;
};

const ROLES = ["system", "user", "assistant", "tool"];
const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function validateChatRequest(
  body: unknown,
  models: readonly string[],
  visionModels: readonly string[] = [],
): ChatRequest | { error: string } {
  if (!isObject(body))
    return { error: MESSAGES.deserialize("invalid type: expected struct ChatCompletionRequest") };
  if (typeof body.model !== "string") return { error: MESSAGES.deserialize("missing field `model`") };
  if (!Array.isArray(body.messages)) return { error: MESSAGES.deserialize("missing field `messages`") };
  const thinking = thinkingEnabled(body.thinking);
  if (typeof thinking === "string") return { error: thinking };
  const effortError = checkEffort(body.reasoning_effort);
  if (effortError) return { error: effortError };
  const toolNames = toolNamesOf(body.tools);
  if (typeof toolNames === "string") return { error: toolNames };
  if (!models.includes(body.model)) return { error: MESSAGES.modelNotExist };
  // Not found verbatim: DeepSeek's wording for an empty array was not found.
  if (body.messages.length === 0)
    return { error: "Invalid 'messages': empty array. Expected an array with minimum length 1." };
  const messages = body.messages as Message[];
  const error =
    checkMessageShapes(messages, visionModels.includes(body.model)) ??
    (thinking ? checkReasoningPassedBack(messages) : null) ??
    checkToolPairing(messages) ??
    (thinking ? checkToolChoice(body.tool_choice) : null);
  if (error) return { error };
  return { model: body.model, messages, thinking, stream: body.stream === true, toolNames };
}

/** Thinking is on unless explicitly disabled: DeepSeek's default. */
function thinkingEnabled(thinking: unknown): boolean | string {
  if (thinking === undefined || thinking === null) return true;
  if (!isObject(thinking) || (thinking.type !== "enabled" && thinking.type !== "disabled")) {
    return MESSAGES.deserialize("thinking.type: unknown variant, expected `enabled` or `disabled`");
  }
  return thinking.type === "enabled";
}

// docs/PROVIDER.md section 1: low, high and max, and the names the API maps onto them.
const EFFORTS = ["low", "high", "max", "minimal", "medium", "xhigh", "ultra"];

function checkEffort(effort: unknown): string | null {
  if (effort === undefined || effort === null) return null;
  if (typeof effort === "string" && EFFORTS.includes(effort)) return null;
  return MESSAGES.deserialize(
    `reasoning_effort: unknown variant \`${String(effort)}\`, expected one of \`low\`, \`high\`, \`max\``,
  );
}

function toolNamesOf(tools: unknown): Set<string> | string {
  const names = new Set<string>();
  if (tools === undefined || tools === null) return names;
  if (!Array.isArray(tools)) return MESSAGES.deserialize("tools: invalid type, expected a sequence");
  if (tools.length > 128) return MESSAGES.tooManyTools(tools.length);
  for (const [i, tool] of tools.entries()) {
    if (!isObject(tool) || tool.type !== "function") {
      return MESSAGES.deserialize(`tools[${i}].type: unknown variant, expected \`function\``);
    }
    const fn = tool.function;
    if (!isObject(fn) || typeof fn.name !== "string")
      return MESSAGES.deserialize(`tools[${i}].function: missing field \`name\``);
    if (fn.name.length > 64) return MESSAGES.toolNameLength(i, fn.name.length);
    if (!TOOL_NAME.test(fn.name)) return MESSAGES.toolNamePattern(i);
    if (fn.description !== undefined && typeof fn.description !== "string") {
      return MESSAGES.deserialize(`tools[${i}].function.description: invalid type, expected a string`);
    }
    if (fn.parameters !== undefined && !isObject(fn.parameters)) {
      return MESSAGES.deserialize(`tools[${i}].function.parameters: invalid type, expected a map`);
    }
    names.add(fn.name);
  }
  return names;
}

function checkMessageShapes(messages: Message[], readsImages: boolean): string | null {
  for (const [i, message] of messages.entries()) {
    if (!isObject(message)) return MESSAGES.deserialize(`messages[${i}]: invalid type, expected a map`);
    if (typeof message.role !== "string" || !ROLES.includes(message.role)) {
      const expected = ROLES.map((role) => `\`${role}\``).join(", ");
      return MESSAGES.deserialize(
        `messages[${i}].role: unknown variant \`${String(message.role)}\`, expected one of ${expected}`,
      );
    }
    const hasCalls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    if (message.role === "assistant") {
      if (message.content === undefined || message.content === null) {
        if (!hasCalls) return MESSAGES.assistantNeedsContent;
      } else if (typeof message.content !== "string") {
        return MESSAGES.deserialize(`messages[${i}]: invalid type: sequence, expected a string`);
      }
      const callError = hasCalls ? checkToolCallShapes(message.tool_calls as unknown[], i) : null;
      if (callError) return callError;
    } else if (typeof message.content !== "string" && !isTextParts(message.content)) {
      const imageError = checkImageParts(message, i, readsImages);
      if (imageError === undefined) {
        return MESSAGES.deserialize(
          `messages[${i}]: data did not match any variant of untagged enum ChatCompletionRequestContent`,
        );
      }
      if (imageError !== null) return imageError;
    }
    if (message.role === "tool" && typeof message.tool_call_id !== "string") {
      return MESSAGES.deserialize(`messages[${i}]: missing field \`tool_call_id\``);
    }
  }
  return null;
}

const IMAGE_URL = /^data:image\/(jpeg|png|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * A user turn's text and `image_url` parts (the vision guide's shape, images as data URLs): fine
 * for a model that reads images, a 400 for one that does not. undefined: not that shape at all.
 * (The text-only refusal's wording is the deserializer's, not seen verbatim.)
 */
function checkImageParts(message: Message, i: number, readsImages: boolean): string | null | undefined {
  const content = message.content;
  if (message.role !== "user" || !Array.isArray(content)) return undefined;
  const images = content.filter((part) => isObject(part) && part.type === "image_url");
  const rest = content.filter((part) => !images.includes(part));
  if (images.length === 0 || !isTextParts(rest)) return undefined;
  if (!readsImages) {
    return MESSAGES.deserialize(`messages[${i}].content: unknown variant \`image_url\`, expected \`text\``);
  }
  for (const image of images) {
    const url = isObject(image) && isObject(image.image_url) ? image.image_url.url : undefined;
    if (typeof url !== "string" || !IMAGE_URL.test(url)) {
      return `Invalid image in messages[${i}]: expected a JPEG, PNG, GIF or WebP data URL.`;
    }
  }
  return null;
}

function isTextParts(content: unknown): boolean {
  return (
    Array.isArray(content) &&
    content.every((part) => isObject(part) && part.type === "text" && typeof part.text === "string")
  );
}

function checkToolCallShapes(calls: unknown[], i: number): string | null {
  for (const [j, call] of calls.entries()) {
    const where = `messages[${i}].tool_calls[${j}]`;
    if (!isObject(call) || typeof call.id !== "string")
      return MESSAGES.deserialize(`${where}: missing field \`id\``);
    if (call.type !== "function")
      return MESSAGES.deserialize(`${where}.type: unknown variant, expected \`function\``);
    const fn = call.function;
    if (!isObject(fn)) return MESSAGES.deserialize(`${where}: missing field \`function\``);
    if (typeof fn.name !== "string" || typeof fn.arguments !== "string") {
      return MESSAGES.deserialize(`${where}.function: expected string fields \`name\` and \`arguments\``);
    }
  }
  return null;
}

/** The pass-back rule (docs/PROVIDER.md, section 2): every assistant message that made tool calls keeps its reasoning. */
function checkReasoningPassedBack(messages: Message[]): string | null {
  for (const message of messages) {
    const hasCalls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    if (message.role === "assistant" && hasCalls && typeof message.reasoning_content !== "string") {
      return MESSAGES.reasoningNotPassedBack;
    }
  }
  return null;
}

/** Each tool message answers a call of the assistant message before it, and every call gets its answer. */
function checkToolPairing(messages: Message[]): string | null {
  let open: Set<string> | null = null;
  for (const message of messages) {
    if (message.role === "tool") {
      if (!open?.delete(String(message.tool_call_id))) return MESSAGES.toolWithoutCalls;
      continue;
    }
    if (open && open.size > 0) return MESSAGES.insufficientToolMessages;
    const calls = message.role === "assistant" && Array.isArray(message.tool_calls) ? message.tool_calls : [];
    open = calls.length > 0 ? new Set(calls.map((call: { id?: unknown }) => String(call.id))) : null;
  }
  return open && open.size > 0 ? MESSAGES.insufficientToolMessages : null;
}

function checkToolChoice(choice: unknown): string | null {
  if (choice === undefined || choice === null || choice === "auto" || choice === "none") return null;
  return MESSAGES.thinkingToolChoice;
}
