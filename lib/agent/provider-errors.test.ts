import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { toChatError } from "./provider-errors";

// What the provider says in a 4xx goes on to the client (it usually says what to fix), minus
// anything secret: the configured key's value however it is shaped, and any Bearer token.

const KEY = "ds-live_7f3a9c2e41b8d6f0";

function rejected(message: string) {
  return OpenAI.APIError.generate(400, { error: { message } }, undefined, new Headers());
}

describe("toChatError", () => {
  it("redacts the configured key's value, whatever its shape", () => {
    const error = toChatError(rejected(`Key ${KEY} has no access to model x.`), false, [KEY]);
    expect(error.code).toBe("provider_rejected");
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain("Key … has no access to model x.");
  });

  it("redacts Bearer tokens and sk- keys that are not the configured one", () => {
    const error = toChatError(
      rejected("Header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc-_x is invalid; also sk-other123"),
      false,
      [KEY],
    );
    expect(error.message).not.toMatch(/eyJhbGci|sk-other123/);
    expect(error.message).toContain("Authorization: Bearer … is invalid; also sk-…");
  });

  it("keeps an ordinary message whole", () => {
    const error = toChatError(rejected("Model Not Exist"), false, [KEY]);
    expect(error.message).toBe("The provider rejected the request (400): Model Not Exist.");
  });
});
