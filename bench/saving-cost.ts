import { randomUUID } from "node:crypto";
import { Agent } from "undici";
import type { Endpoint } from "./endpoint";
import { PACED_DELAY_MS, type Plan } from "./plan";
import { type StreamResult, streamOnce } from "./sse-client";
import { ratio, rotate, round, type Summary, summarize } from "./stats";

// The cost of saving: the same answers through the built app with the store on (a request naming
// a `conversation`, PROTOCOL.md section 10) and off (the same request without it, which stores
// nothing). Both are detached runs (a stored answer always is; the other asks with `resumable`), so
// the difference is the store's alone. The two take turns, in a different order each round.

export type Saving = "on" | "off";

export interface SavingFigures {
  database: "pglite" | "postgres";
  /** What the CPU figure counts: the app alone (PGlite runs inside it) or the app and PostgreSQL. */
  cpuOf: string;
  answerSeconds: number;
  answers: Record<Saving, number>;
  errors: Record<Saving, number>;
  cpuMsPerAnswer: Record<Saving, number>;
  cpuMsPerAnswerByRound: Record<Saving, number[]>;
  /** on ÷ off. */
  cpuOnVsOff: number | null;
  firstByteMs: Record<Saving, Summary>;
  /** on − off, p50. */
  addedFirstByteP50Ms: number;
}

/** Short answers per side before measuring: enough for PGlite's store CPU per answer to settle. */
const WARM_ANSWERS = 100;

const prompt = (chunks: number, delayMs: number) =>
  `Write a long report #saving-${randomUUID()}# [[scenario:{"name":"long","chunks":${chunks},"delayMs":${delayMs}}]]`;

/** One request: a new conversation's first question when saving is on, else the plain request. */
export function savingBody(saving: Saving, text: string, model: string): Record<string, unknown> {
  const common = { thinking: true, model, resumable: true };
  if (saving === "off") return { messages: [{ role: "user", content: text }], ...common };
  const id = randomUUID();
  return {
    conversation: { id: `c_${id}`, parent_id: null, message: { id: "q", content: text }, answer_id: "a" },
    ...common,
  };
}

export async function runSavingCost(
  endpoint: Endpoint,
  database: SavingFigures["database"],
  cpuOf: string,
  plan: Plan,
  log: (line: string) => void,
): Promise<{ figures: SavingFigures; errorSamples: string[] }> {
  const { saving } = plan.storage;
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const errorSamples: string[] = [];
  const stream = async (mode: Saving, chunks: number, delayMs: number) => {
    const result = await streamOnce({
      url: endpoint.url,
      wire: "chat-events",
      body: savingBody(mode, prompt(chunks, delayMs), plan.model),
      dispatcher,
      timeoutMs: 60_000,
    });
    if (result.failure && errorSamples.length < 10)
      errorSamples.push(`${database} ${mode}: ${result.failure}`);
    return result;
  };
  const answers = (mode: Saving) =>
    Promise.all(
      Array.from({ length: saving.answers }, () => stream(mode, saving.answerChunks, PACED_DELAY_MS)),
    );

  log(`storage: saving on ${database}: warming up`);
  // PGlite's WASM is compiled as it runs and optimised once hot: its first ~100 answers after a
  // start cost it 2–4× what later ones do (about a second of CPU, once per process). The figure is
  // a running server's, so both sides first answer that many short questions, ten at a time.
  for (const mode of ["off", "on"] as const) {
    for (let i = 0; i < WARM_ANSWERS / 10; i++)
      await Promise.all(Array.from({ length: 10 }, () => stream(mode, 20, 0)));
    await answers(mode);
  }
  errorSamples.length = 0;

  const firsts: Record<Saving, StreamResult[]> = { on: [], off: [] };
  const all: Record<Saving, StreamResult[]> = { on: [], off: [] };
  const cpu: Record<Saving, number[]> = { on: [], off: [] };
  for (let r = 0; r < saving.rounds; r++) {
    const order = rotate(["off", "on"] as const, r);
    log(`storage: saving on ${database}: round ${r + 1}/${saving.rounds} (${order.join(", ")})`);
    for (const mode of order) {
      for (let i = 0; i < saving.firstByteStreams; i++) firsts[mode].push(await stream(mode, 20, 0));
      const before = await endpoint.cpuMicros();
      const results = await answers(mode);
      cpu[mode].push((await endpoint.cpuMicros()) - before);
      all[mode].push(...results, ...firsts[mode].slice(-saving.firstByteStreams));
    }
  }
  await dispatcher.close();
  return { figures: savingFigures(database, cpuOf, plan, firsts, all, cpu), errorSamples };
}

/** The figures from the raw samples: pure, so it is tested. */
export function savingFigures(
  database: SavingFigures["database"],
  cpuOf: string,
  plan: Plan,
  firsts: Record<Saving, StreamResult[]>,
  all: Record<Saving, StreamResult[]>,
  cpuMicrosByRound: Record<Saving, number[]>,
): SavingFigures {
  const { saving } = plan.storage;
  const perAnswer = (micros: number) => round(micros / 1000 / saving.answers, 2);
  const total = (mode: Saving) => cpuMicrosByRound[mode].reduce((a, b) => a + b, 0);
  const byMode = <T>(f: (mode: Saving) => T): Record<Saving, T> => ({ on: f("on"), off: f("off") });
  const cpuMsPerAnswer = byMode((mode) =>
    cpuMicrosByRound[mode].length > 0 ? perAnswer(total(mode) / cpuMicrosByRound[mode].length) : Number.NaN,
  );
  const firstByteMs = byMode((mode) =>
    summarize(firsts[mode].flatMap((r) => (r.failure || r.firstByteMs === undefined ? [] : [r.firstByteMs]))),
  );
  return {
    database,
    cpuOf,
    answerSeconds: round((saving.answerChunks * PACED_DELAY_MS) / 1000, 1),
    answers: byMode((mode) => all[mode].length),
    errors: byMode((mode) => all[mode].filter((r) => r.failure).length),
    cpuMsPerAnswer,
    cpuMsPerAnswerByRound: byMode((mode) => cpuMicrosByRound[mode].map(perAnswer)),
    cpuOnVsOff: ratio(cpuMsPerAnswer.on, cpuMsPerAnswer.off),
    addedFirstByteP50Ms: round(firstByteMs.on.p50 - firstByteMs.off.p50, 2),
    firstByteMs,
  };
}
