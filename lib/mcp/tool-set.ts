// What the agent loop sees of tools: MCP tools only, already named for the provider, and one way
// to call them. lib/mcp builds it; lib/agent consumes it.

import type { ToolPolicy } from "./tool-policy";

export type ToolOutcome = { result: unknown } | { error: string };

export interface ToolDefinition {
  /** The name the model calls (unique, safe for the provider's function-name rules). */
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  /** The MCP server that serves it. */
  server: string;
  /** Its own name on that server, where settings name it (section 25); absent for the app's web tools. */
  serverTool?: string;
  /** `auto` runs at once; `ask` needs the user's approval (section 23); `never` tools are left out of the set. */
  policy: ToolPolicy;
}

export interface CallOptions {
  signal: AbortSignal;
}

export interface ToolSet {
  readonly tools: readonly ToolDefinition[];
  /** Never throws for a tool's own failure: that is an `{ error }` outcome the model reads. */
  call(name: string, args: Record<string, unknown>, options: CallOptions): Promise<ToolOutcome>;
  /** Frees what was opened for this one answer (its web tools' server); the loop calls it at the end. */
  close?(): Promise<void>;
}

export const emptyToolSet: ToolSet = {
  tools: [],
  async call(name) {
    return { error: `unknown tool '${name}'` };
  },
};
