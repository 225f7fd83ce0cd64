import type { z } from "zod";
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
 * A user turn carries files and nothing else; an assistant turn never a file; a system turn no
 * parts. A user turn's files: at most maxFiles, their text at most maxFileChars together.
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
  const wrong = parts.findIndex((part) => (part.type === "file") !== (role === "user"));
  if (wrong >= 0) {
    const message = role === "user" ? "a user turn's parts are files" : "only user turns carry files";
    ctx.addIssue({ code: "custom", path: [...path, wrong, "type"], message });
    return;
  }
  if (role !== "user") return;
  if (parts.length > limits.maxFiles) {
    ctx.addIssue({ code: "custom", path, message: `more than ${limits.maxFiles} files` });
    return;
  }
  let chars = 0;
  parts.forEach((part, j) => {
    if (part.type !== "file") return;
    chars += part.text.length;
    checkControl(part.text, [...path, j, "text"], ctx);
    checkControl(part.name, [...path, j, "name"], ctx);
    if (chars > limits.maxFileChars) {
      ctx.addIssue({
        code: "custom",
        path: [...path, j, "text"],
        message: `the files' text is longer than ${limits.maxFileChars} characters together`,
      });
    }
  });
}
