import type { z } from "zod";
import { base64Bytes } from "./image-data";
import { MAX_JSON_DEPTH, nestedDeeperThan } from "./json-depth";
import type { ChatPart, RequestLimits } from "./request";

// The request's checks on text and parts (PROTOCOL.md sections 1 and 20), each issue naming its field.

type Path = (string | number)[];

// C0 controls other than tab, line feed and carriage return, and DEL: never part of a question,
// and some providers reject them (a NUL byte in particular).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function checkControl(value: string, path: Path, ctx: z.RefinementCtx): void {
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    ctx.addIssue({ code: "custom", path, message: `contains a control character (U+${code})` });
  }
}

export function checkText(value: string, path: Path, limits: RequestLimits, ctx: z.RefinementCtx): void {
  if (value.length > limits.maxMessageChars) {
    ctx.addIssue({ code: "custom", path, message: `longer than ${limits.maxMessageChars} characters` });
  }
  checkControl(value, path, ctx);
}

/** Tool values nested past MAX_JSON_DEPTH: nothing downstream could walk them (json-depth.ts). */
export function checkDepth(parts: ChatPart[] | undefined, path: Path, ctx: z.RefinementCtx): void {
  parts?.forEach((part, j) => {
    if (part.type !== "tool") return;
    for (const field of ["arguments", "result"] as const) {
      if (nestedDeeperThan(part[field])) {
        ctx.addIssue({
          code: "custom",
          path: [...path, j, field],
          message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
        });
      }
    }
  });
}

/**
 * A user turn carries files and images and nothing else; an assistant turn neither; a system turn
 * no parts. A user turn's files: at most maxFiles, their text at most maxFileChars together; its
 * images: at most maxImages, each at most imageMaxBytes.
 */
export function checkParts(
  role: "system" | "user" | "assistant",
  parts: ChatPart[] | undefined,
  path: Path,
  limits: RequestLimits,
  ctx: z.RefinementCtx,
): void {
  if (!parts) return;
  if (role === "system") {
    ctx.addIssue({ code: "custom", path, message: "a system turn carries no parts" });
    return;
  }
  const wrong = parts.findIndex((part) => isUserPart(part) !== (role === "user"));
  if (wrong >= 0) {
    const message =
      role === "user" ? "a user turn's parts are files and images" : "only user turns carry files and images";
    ctx.addIssue({ code: "custom", path: [...path, wrong, "type"], message });
    return;
  }
  if (role !== "user") return;
  const files = parts.filter((part) => part.type === "file").length;
  const images = parts.length - files;
  if (files > limits.maxFiles || images > limits.maxImages) {
    const message =
      files > limits.maxFiles ? `more than ${limits.maxFiles} files` : `more than ${limits.maxImages} images`;
    ctx.addIssue({ code: "custom", path, message });
    return;
  }
  let chars = 0;
  parts.forEach((part, j) => {
    if (part.type === "file" || part.type === "image") checkControl(part.name, [...path, j, "name"], ctx);
    if (part.type === "image" && base64Bytes(part.data) > limits.imageMaxBytes) {
      ctx.addIssue({
        code: "custom",
        path: [...path, j, "data"],
        message: `an image of more than ${limits.imageMaxBytes} bytes`,
      });
    }
    if (part.type !== "file") return;
    chars += part.text.length;
    checkControl(part.text, [...path, j, "text"], ctx);
    if (chars > limits.maxFileChars) {
      ctx.addIssue({
        code: "custom",
        path: [...path, j, "text"],
        message: `the files' text is longer than ${limits.maxFileChars} characters together`,
      });
    }
  });
}

function isUserPart(part: ChatPart): boolean {
  return part.type === "file" || part.type === "image";
}

/**
 * Every image rides again in each later request of a conversation, so the request's images
 * together (all its messages') are bounded: the body stays under what the server reads, and the
 * model's request under what the provider takes. The issue names the image that went over.
 */
export function checkImageBytes(
  messages: readonly { parts?: ChatPart[] | undefined }[],
  where: (message: number, part: number) => Path,
  limits: RequestLimits,
  ctx: z.RefinementCtx,
): void {
  let bytes = 0;
  for (const [i, message] of messages.entries()) {
    for (const [j, part] of (message.parts ?? []).entries()) {
      if (part.type !== "image") continue;
      bytes += base64Bytes(part.data);
      if (bytes <= limits.conversationImageBytes) continue;
      ctx.addIssue({
        code: "custom",
        path: [...where(i, j), "data"],
        message: `the conversation's images are more than ${limits.conversationImageBytes} bytes together: start a new chat to send more`,
      });
      return;
    }
  }
}
