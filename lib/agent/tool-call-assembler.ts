// Tool calls stream as fragments keyed by `index`: the first carries `id` and `function.name`, the
// rest append to `function.arguments` (docs/PROVIDER.md, section 3). A call is complete when a later
// index starts and its arguments already parse, or when the round finishes.

export interface ToolCallFragment {
  index?: number | undefined;
  id?: string | null | undefined;
  type?: string | null | undefined;
  function?: { name?: string | null | undefined; arguments?: string | null | undefined } | null | undefined;
}

export interface AssembledToolCall {
  index: number;
  id: string;
  name: string;
  /** The arguments exactly as the model wrote them. */
  argumentsText: string;
}

interface Pending {
  index: number;
  id: string;
  name: string;
  argumentsText: string;
  done: boolean;
}

export class ToolCallAssembler {
  private readonly calls = new Map<number, Pending>();
  private readonly idPrefix: string;

  constructor(idPrefix = "call") {
    this.idPrefix = idPrefix;
  }

  /** Adds fragments; returns the calls that became complete, in index order. */
  push(fragments: readonly ToolCallFragment[]): AssembledToolCall[] {
    let highest = -1;
    for (const [position, fragment] of fragments.entries()) {
      const index = fragment.index ?? position;
      let call = this.calls.get(index);
      if (!call) {
        call = { index, id: "", name: "", argumentsText: "", done: false };
        this.calls.set(index, call);
      }
      if (fragment.id) call.id = fragment.id;
      if (fragment.function?.name) call.name += fragment.function.name;
      if (fragment.function?.arguments) call.argumentsText += fragment.function.arguments;
      highest = Math.max(highest, index);
    }
    // Interleaving providers may still add to an earlier call; only a call whose arguments
    // already form whole JSON is safe to announce before the round ends.
    return this.take((call) => call.index < highest && isCompleteJson(call.argumentsText));
  }

  /** The calls not yet returned, at the end of the round. */
  finish(): AssembledToolCall[] {
    return this.take(() => true);
  }

  /** Every call of the round, complete or not, in index order. */
  all(): AssembledToolCall[] {
    return [...this.calls.values()].sort((a, b) => a.index - b.index).map((call) => this.toAssembled(call));
  }

  private take(ready: (call: Pending) => boolean): AssembledToolCall[] {
    const out: AssembledToolCall[] = [];
    for (const call of [...this.calls.values()].sort((a, b) => a.index - b.index)) {
      if (call.done || !ready(call)) continue;
      call.done = true;
      out.push(this.toAssembled(call));
    }
    return out;
  }

  private toAssembled(call: Pending): AssembledToolCall {
    // Some OpenAI-compatible servers omit ids; the provider only needs them to be unique per round.
    if (!call.id) call.id = `${this.idPrefix}_${call.index}`;
    return { index: call.index, id: call.id, name: call.name, argumentsText: call.argumentsText };
  }
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export type ParsedArguments =
  | { ok: true; arguments: Record<string, unknown> }
  | { ok: false; arguments: Record<string, never>; error: string };

/** A call's arguments as the `tool_call` event's object; empty text means no arguments. */
export function parseToolArguments(text: string): ParsedArguments {
  if (text.trim() === "") return { ok: true, arguments: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      arguments: {},
      error: `the arguments are not valid JSON (${(error as Error).message})`,
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, arguments: {}, error: "the arguments must be a JSON object" };
  }
  return { ok: true, arguments: value as Record<string, unknown> };
}
