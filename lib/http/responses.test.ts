import { describe, expect, it } from "vitest";
import { ChatError } from "@/lib/agent/chat-error";
import { chatErrorResponse, invalidRequest, jsonError } from "./responses";

async function refusal(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe("rejections", () => {
  it("answers a bad request as a 400 invalid_request, the status the agent's table gives", async () => {
    expect(await refusal(invalidRequest("model: no"))).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "model: no" } },
    });
  });

  it("takes the status from the code, keeping the headers", async () => {
    const response = jsonError("too_many_readers", "full", { "Retry-After": "5" });
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await refusal(response)).toEqual({
      status: 429,
      body: { error: { code: "too_many_readers", message: "full" } },
    });
  });

  it("keeps this server's rate limit (429) apart from the provider's (502)", async () => {
    expect(jsonError("rate_limited", "slow down").status).toBe(429);
    expect(chatErrorResponse(new ChatError("rate_limited", "the provider says wait")).status).toBe(502);
  });
});
