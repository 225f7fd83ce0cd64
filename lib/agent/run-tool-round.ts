import { approvalDeclinedError, approvalUnavailableError } from "@/lib/mcp/tool-policy";
import type { ToolOutcome, ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent } from "@/lib/protocol";
import type { AgentRun, Ending } from "./agent-run";
import type { ApprovalOutcome } from "./approval-gate";
import type { Round, RoundContext } from "./model-round";
import { type ToolCall, toolCallEventData } from "./tool-call";
import { assistantToolRound, providerToolCall, toolResultMessage } from "./transcript";

// One tool round of the loop: the round's calls go into the transcript, the tools run
// concurrently, and each result is yielded as it settles, so a quick tool's result reaches the
// client while a slow one is still running, or while another waits for the user's approval
// (PROTOCOL.md section 24). The results follow the calls into the transcript.

/** What one call yields: its decision when it waited for one, then its outcome. */
type CallItem = { id: string; approval: ApprovalOutcome } | { id: string; outcome: ToolOutcome };

/** Ends in "stopped" when the answer was stopped while its tools ran. */
export async function* runToolRound(
  context: RoundContext,
  run: AgentRun,
  round: Round,
): AsyncGenerator<ChatEvent, Ending | undefined> {
  const calls = round.calls.map((call) => providerToolCall(toolCallEventData(call)));
  context.messages.push(assistantToolRound(round.text, round.reasoning, calls, context.thinking));
  const outcomes = new Map<string, ToolOutcome>();
  for await (const item of mergeAsCompleted(round.calls.map((call) => callTool(context, run, call)))) {
    if (run.signal.aborted) return "stopped";
    if ("approval" in item) {
      yield { event: "tool_approval", data: { tool_call_id: item.id, decision: item.approval.decision } };
      continue;
    }
    const { id, outcome } = item;
    outcomes.set(id, outcome);
    yield run.toolResult(
      "error" in outcome
        ? { tool_call_id: id, error: outcome.error }
        : { tool_call_id: id, result: outcome.result },
    );
  }
  // A call stopped while it waited for the user yields nothing: the answer ends here all the same.
  if (run.signal.aborted) return "stopped";
  for (const call of round.calls) {
    context.messages.push(toolResultMessage(call.id, outcomes.get(call.id) ?? { error: "no result" }));
  }
  return undefined;
}

async function* callTool(
  context: RoundContext,
  run: AgentRun,
  call: ToolCall,
): AsyncGenerator<CallItem, void> {
  const { id, parsed } = call;
  if (!parsed.ok) return yield { id, outcome: { error: `The tool was not called: ${parsed.error}.` } };
  const tool = context.toolSet.tools.find((candidate) => candidate.name === call.name);
  if (!tool) return yield { id, outcome: { error: `There is no tool named '${call.name}'.` } };
  if (context.approvals && context.awaiting.delete(id)) {
    const waiting = context.approvals.wait(id, run.approvalWaitMs(), run.signal);
    const approval = await run.waitForUser(waiting);
    // Stopped while it waited: the loop ends the answer, answering this call as unrun.
    if (!approval) return;
    yield { id, approval };
    if (approval.decision !== "allow") {
      return yield {
        id,
        outcome: { error: approvalDeclinedError(call.name, approval.decision === "timeout") },
      };
    }
    if (approval.always) {
      // The rest of this answer asks no more for it; what the owner keeps is the caller's to record.
      context.askTools.delete(tool.name);
      context.onAlwaysAllow?.(tool);
    }
  } else if (context.askTools.has(tool.name)) {
    // An answer nobody can come back to (not resumable) cannot wait: declined at once.
    return yield { id, outcome: { error: approvalUnavailableError(call.name) } };
  }
  yield { id, outcome: await invoke(context.toolSet, call, parsed.arguments, run.signal) };
}

async function invoke(
  toolSet: ToolSet,
  call: ToolCall,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolOutcome> {
  try {
    return await toolSet.call(call.name, args, { signal });
  } catch (error) {
    return { error: `The tool failed: ${(error as Error).message}` };
  }
}

/** Yields each generator's items as they come (the calls of one round run concurrently). */
async function* mergeAsCompleted<T>(generators: AsyncGenerator<T, void>[]): AsyncGenerator<T, void> {
  const step = (generator: AsyncGenerator<T, void>, i: number) =>
    generator.next().then((result) => ({ generator, i, result }));
  const pending = new Map(generators.map((generator, i) => [i, step(generator, i)]));
  while (pending.size > 0) {
    const { generator, i, result } = await Promise.race(pending.values());
    if (result.done) {
      pending.delete(i);
      continue;
    }
    pending.set(i, step(generator, i));
    yield result.value;
  }
}
