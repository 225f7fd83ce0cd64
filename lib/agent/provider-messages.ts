// The provider's chat-completions message shapes, with DeepSeek's `reasoning_content`, which the
// openai SDK's types lack. Built by transcript.ts and the loop, sent by provider.ts.

export interface ProviderToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** A user turn with images, for a model that reads them (PROTOCOL.md section 20, "Images"). */
export type ProviderContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string } };

export type ProviderMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | ProviderContentPart[] }
  | {
      role: "assistant";
      // DeepSeek rejects null content; an assistant turn that only called tools sends "".
      content: string;
      reasoning_content?: string;
      tool_calls?: ProviderToolCall[];
    }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ProviderTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}
