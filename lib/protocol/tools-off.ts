import { z } from "zod";

// PROTOCOL.md section 25: `tools_off` of a chat request, the servers and tools one conversation's
// answer goes without. It only ever switches things off, so nothing a script sends here can give
// the model a tool its owner's settings or mcp.json withhold.

const name = z.string().min(1, "must not be empty").max(200, "more than 200 characters");

export const MAX_TOOLS_OFF = 500;

export const toolsOff = z
  .array(z.strictObject({ server: name, tool: name.optional() }), { error: "must be an array" })
  .max(MAX_TOOLS_OFF, `more than ${MAX_TOOLS_OFF} entries`);

/** One server, or one tool of it (`tool` set), switched off. */
export interface ToolSwitch {
  server: string;
  tool?: string | undefined;
}
