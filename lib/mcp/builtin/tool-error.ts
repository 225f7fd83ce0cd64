import "server-only";

/**
 * What went wrong, so callers and tests can tell "the user asked for something impossible" from
 * "the upstream service let us down" without matching on message text.
 */
export type ToolErrorKind = "invalid_input" | "not_found" | "unavailable" | "bad_response" | "math";

/**
 * A failure the model should read and act on (fix its input, tell the user, retry later), as
 * opposed to a bug. Built-in tools report it as an `isError` tool result whose text is `message`,
 * so the message is written for a person: it names the offending input and what would work.
 */
export class ToolError extends Error {
  override readonly name = "ToolError";
  readonly kind: ToolErrorKind;

  constructor(kind: ToolErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}
