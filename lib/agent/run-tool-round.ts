import { approvalUnavailableError } from "@/lib/mcp/tool-policy";
import type { ToolOutcome, ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent } from "@/lib/protocol";
import type { AgentRun, Ending } from "./agent-run";
import type { Round, RoundContext } from "./model-round";
import { type ToolCall, toolCallEventData } from "./tool-call";
import { assistantToolRound, providerToolCall, toolResultMessage } from "./transcript";

// One tool round of the loop: the round's calls go into the transcript, the tools run
// concurrently, and each result is yielded as it settles, so a quick tool's result reaches the
// client while a slow one is still running. The results follow the calls into the transcript.

/** Ends in "stopped" when the answer was stopped while its tools ran. */
export async function* runToolRound(
  context: RoundContext,
  run: AgentRun,
  round: Round,
): AsyncGenerator<ChatEvent, Ending | undefined> {
  const calls = round.calls.map((call) => providerToolCall(toolCallEventData(call)));
  context.messages.push(assistantToolRound(round.text, round.reasoning, calls, context.thinking));
  const outcomes = new Map<string, ToolOutcome>();
  const running = round.calls.map((call) => runTool(context.toolSet, call, run.signal));
  for await (const { id, outcome } of settleAsCompleted(running)) {
    if (run.signal.aborted) return "stopped";
    outcomes.set(id, outcome);
    yield run.toolResult(
      "error" in outcome
        ? { tool_call_id: id, error: outcome.error }
        : { tool_call_id: id, result: outcome.result },
    );
  }
  for (const call of round.calls) {
    context.messages.push(toolResultMessage(call.id, outcomes.get(call.id) ?? { error: "no result" }));
  }
  return undefined;
}

async function runTool(
  toolSet: ToolSet,
  call: ToolCall,
  signal: AbortSignal,
): Promise<{ id: string; outcome: ToolOutcome }> {
  const { parsed } = call;
  if (!parsed.ok) return { id: call.id, outcome: { error: `The tool was not called: ${parsed.error}.` } };
  const tool = toolSet.tools.find((candidate) => candidate.name === call.name);
  if (!tool) return { id: call.id, outcome: { error: `There is no tool named '${call.name}'.` } };
  // No answer can wait for a decision yet (PROTOCOL.md section 23): an `ask` tool is declined at once.
  if (tool.policy === "ask") return { id: call.id, outcome: { error: approvalUnavailableError(call.name) } };
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
