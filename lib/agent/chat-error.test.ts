import { describe, expect, it, vi } from "vitest";
import { asChatError, ChatError, errorEvent, fromErrorEvent, isErrorCode, notConfigured } from "./chat-error";

describe("the error table", () => {
  it.each([
    ["invalid_request", 400],
    ["internal_error", 500],
    ["provider_error", 502],
    ["rate_limited", 502],
    ["not_configured", 503],
    ["provider_timeout", 504],
    ["answer_timeout", 504],
  ] as const)("answers %s as a %i", (code, status) => {
    expect(new ChatError(code, "m").status).toBe(status);
  });

  it("ends too many tool rounds in length, everything else in error", () => {
    expect(errorEvent(new ChatError("tool_rounds_exceeded", "too many"))).toEqual({
      event: "error",
      data: { finish_reason: "length", message: "too many", code: "tool_rounds_exceeded" },
    });
    expect(errorEvent(notConfigured()).data).toMatchObject({
      finish_reason: "error",
      code: "not_configured",
    });
  });

  it("knows its own codes only, not an object's inherited names", () => {
    expect(isErrorCode("provider_overloaded")).toBe(true);
    for (const value of ["forbidden_origin", "toString", "constructor", "", undefined, 502]) {
      expect(isErrorCode(value)).toBe(false);
    }
  });

  it("reads an error event back, an unknown code as a provider error", () => {
    const known = fromErrorEvent({ finish_reason: "error", message: "slow", code: "provider_timeout" });
    expect([known.code, known.status, known.message]).toEqual(["provider_timeout", 504, "slow"]);
    const unknown = fromErrorEvent({ finish_reason: "error", message: "odd", code: "teapot" });
    expect([unknown.code, unknown.status]).toEqual(["provider_error", 502]);
    expect(fromErrorEvent({ finish_reason: "error", message: "none" }).code).toBe("provider_error");
  });

  it("hides anything that is not a ChatError behind a 500", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = asChatError(new Error("stack detail"));
    expect([error.code, error.status, error.message]).toEqual([
      "internal_error",
      500,
      "The server failed while answering; try again.",
    ]);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
