import { readFileSync } from "node:fs";
import type { Delta, Usage } from "./wire";

/** Recorded DeepSeek streams, copied from the shared fixtures so tests do not reach outside the tree. */
export type FixtureName =
  | "v3.2-reasoner-text"
  | "v3.2-reasoner-tool-call"
  | "v3.2-chat-text-length"
  | "v4-pro-thinking-length";

export type FixtureChunk = { delta: Delta; finishReason: string | null; usage: Usage | null };

export type Fixture = {
  /** The raw `data:` payloads, one per chunk. */
  lines: string[];
  id: string;
  created: number;
  model: string;
  fingerprint: string;
  chunks: FixtureChunk[];
};

type RawChunk = {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
  choices: { delta: Delta; finish_reason: string | null }[];
  usage: Usage | null;
};

const cache = new Map<FixtureName, Fixture>();

export function fixturePath(name: FixtureName): URL {
  return new URL(`./fixtures/${name}.chunks.txt`, import.meta.url);
}

export function loadFixture(name: FixtureName): Fixture {
  const cached = cache.get(name);
  if (cached) return cached;
  const lines = readFileSync(fixturePath(name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const raw = lines.map((line) => JSON.parse(line) as RawChunk);
  const first = raw[0];
  if (!first) throw new Error(`fixture ${name} is empty`);
  const fixture: Fixture = {
    lines,
    id: first.id,
    created: first.created,
    model: first.model,
    fingerprint: first.system_fingerprint,
    chunks: raw.map((chunk) => {
      const choice = chunk.choices[0];
      if (!choice) throw new Error(`fixture ${name} has a chunk without choices`);
      return { delta: choice.delta, finishReason: choice.finish_reason, usage: chunk.usage };
    }),
  };
  cache.set(name, fixture);
  return fixture;
}

/** The reasoning and content pieces of a recording, with their original boundaries. */
export function fixturePieces(name: FixtureName): { reasoning: string[]; content: string[]; usage: Usage } {
  const fixture = loadFixture(name);
  const reasoning: string[] = [];
  const content: string[] = [];
  let usage: Usage = {};
  for (const chunk of fixture.chunks) {
    const r = chunk.delta.reasoning_content;
    const c = chunk.delta.content;
    if (chunk.finishReason === null && typeof r === "string" && r !== "") reasoning.push(r);
    if (chunk.finishReason === null && typeof c === "string" && c !== "") content.push(c);
    if (chunk.usage) usage = chunk.usage;
  }
  return { reasoning, content, usage };
}
