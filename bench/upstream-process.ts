import { type RecordedRequest, startUpstream } from "../lib/testing/upstream/server";
import type { Delta } from "../lib/testing/upstream/wire";
import { announceReady, answerIpc } from "./child-ipc";

// The scripted DeepSeek upstream in a process of its own, so that sending 50,000 chunks a second
// competes with neither the relay nor the client for an event loop. It notes when it wrote each
// reasoning or answer piece, per stream tag (`#bench-…#` in the prompt), for the added-delay figures.

const TAG = /#bench-([\w-]+)#/;
const sent = new Map<string, number[]>();
const tags = new WeakMap<RecordedRequest, string>();

function tagOf(request: RecordedRequest): string {
  let tag = tags.get(request);
  if (tag === undefined) {
    tag = TAG.exec(JSON.stringify(request.body))?.[1] ?? "";
    tags.set(request, tag);
  }
  return tag;
}

const nonEmpty = (value: unknown) => typeof value === "string" && value !== "";
const carriesText = (delta: Delta) => nonEmpty(delta.content) || nonEmpty(delta.reasoning_content);

const upstream = await startUpstream({
  onChunkSent(request, delta, sentAt) {
    if (!carriesText(delta)) return;
    const tag = tagOf(request);
    let times = sent.get(tag);
    if (!times) {
      times = [];
      sent.set(tag, times);
    }
    times.push(sentAt);
  },
});

answerIpc({
  /** The send times noted since the last call, by tag; forgets them and the recorded requests. */
  stats: () => {
    const cpu = process.cpuUsage();
    return { cpuMicros: cpu.user + cpu.system };
  },
  take: () => {
    const taken = Object.fromEntries(sent);
    sent.clear();
    upstream.reset();
    return taken;
  },
});
announceReady(upstream.url);
