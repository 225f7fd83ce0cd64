import type { ToolOutcome, ToolSet } from "@/lib/mcp/tool-set";
import { type AssembledToolCall, parseToolArguments } from "./tool-call-assembler";

// The calls of one round run concurrently; each outcome is yielded as it settles, so a quick
// tool's result reaches the client while a slow one is still running.

export async function* runToolRound(
  toolSet: ToolSet,
  calls: AssembledToolCall[],
  signal: AbortSignal,
): AsyncGenerator<{ id: string; outcome: ToolOutcome }> {
  yield* settleAsCompleted(calls.map((call) => runTool(toolSet, call, signal)));
}

async function runTool(
  toolSet: ToolSet,
  call: AssembledToolCall,
  signal: AbortSignal,
): Promise<{ id: string; outcome: ToolOutcome }> {
  const parsed = parseToolArguments(call.argumentsText);
  if (!parsed.ok) return { id: call.id, outcome: { error: `The tool was not called: ${parsed.error}.` } };
  if (!toolSet.tools.some((tool) => tool.name === call.name)) {
    return { id: call.id, outcome: { error: `There is no tool named '${call.name}'.` } };
  }
  try {
    return { id: call.id, outcome: await toolSet.call(call.name, parsed.arguments, { signal }) };
  } catch (error) {
    return { id: call.id, outcome: { error: `The tool failed: ${(error as Error).message}` } };
  }
}

/** Yields each promise's value as it settles (tools of one round run concurrently). */
async function* settleAsCompleted<T>(promises: Promise<T>[]): AsyncGenerator<T> {
  const pending = new Map(promises.map((promise, i) => [i, promise.then((value) => ({ i, value }))]));
  while (pending.size > 0) {
    const { i, value } = await Promise.race(pending.values());
    pending.delete(i);
    yield value;
  }
}
