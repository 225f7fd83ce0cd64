import type { RelayKind } from "./relay-stats";

// How much each part of the benchmark does: `--quick` must finish in about 6 minutes on a busy
// 2-core machine (3 of them the storage part's fills, app starts and Chromium), the full run in
// about 18. Every loop in the benchmark is bounded by these.

export interface Plan {
  quick: boolean;
  model: string;
  server: {
    rounds: number;
    /** Short sequential streams per target and round, for time to first token. */
    firstTokenStreams: number;
    /** As fast as possible: sequential streams of this many chunks. */
    fastStreams: number;
    fastChunks: number;
    /** Paced at 50 chunks/s: this many streams at once. */
    pacedStreams: number;
    pacedChunks: number;
  };
  concurrency: {
    levels: number[];
    chunks: number;
    /** Streams are opened evenly over this long, so a listen backlog never drops a connection. */
    rampMs: number;
    /** A level that has not finished by then is cut; unfinished streams count as errors. */
    levelTimeoutMs: number;
    targets: RelayKind[];
  };
  storage: {
    saving: {
      rounds: number;
      /** Short sequential answers per mode and round, for the first byte. */
      firstByteStreams: number;
      /** Paced answers at once per mode and round, for the CPU per answer. */
      answers: number;
      answerChunks: number;
    };
    /** Conversations of the one owner, and sequential reads of the sidebar's first page. */
    sidebar: { conversations: number; reads: number };
    /** In Chromium: opening a conversation of `turns` turns, and typing while an answer streams. */
    pages: { turns: number; openRuns: number; typingKeys: number; answerChunks: number };
    /** Conversations of 20 messages for one owner, and sequential reads of each search probe. */
    search: { conversations: number; reads: number };
  };
  client: {
    chunks: number;
    /** The first mode is the one the targets compare; the longest-task target takes the worst of all. */
    modes: ClientMode[];
  };
}

export interface ClientMode {
  name: string;
  /** Pause between upstream chunks; 0 sends as fast as possible. */
  delayMs: number;
}

/** 50 chunks a second. */
export const PACED_DELAY_MS = 20;

export function makePlan(quick: boolean): Plan {
  return {
    quick,
    model: "deepseek-flash",
    server: quick
      ? {
          rounds: 2,
          firstTokenStreams: 10,
          fastStreams: 3,
          fastChunks: 2_000,
          pacedStreams: 20,
          pacedChunks: 50,
        }
      : {
          rounds: 5,
          firstTokenStreams: 20,
          fastStreams: 5,
          fastChunks: 2_000,
          pacedStreams: 50,
          pacedChunks: 100,
        },
    concurrency: quick
      ? {
          levels: [100, 1_000],
          chunks: 50,
          rampMs: 500,
          levelTimeoutMs: 40_000,
          targets: ["raw", "ours"],
        }
      : {
          levels: [100, 300, 1_000],
          chunks: 250,
          rampMs: 1_000,
          levelTimeoutMs: 90_000,
          targets: ["raw", "ai-sdk", "ours"],
        },
    // Answers of 5 s at 50 chunks/s (3 s quick): two or three saves while each streams.
    storage: quick
      ? {
          saving: { rounds: 2, firstByteStreams: 10, answers: 5, answerChunks: 150 },
          sidebar: { conversations: 10_000, reads: 100 },
          pages: { turns: 300, openRuns: 3, typingKeys: 60, answerChunks: 3_000 },
          // A fifth of the 200,000 messages: filling those takes minutes per database.
          search: { conversations: 2_000, reads: 30 },
        }
      : {
          saving: { rounds: 4, firstByteStreams: 20, answers: 10, answerChunks: 250 },
          sidebar: { conversations: 10_000, reads: 300 },
          pages: { turns: 300, openRuns: 7, typingKeys: 60, answerChunks: 3_000 },
          search: { conversations: 10_000, reads: 100 },
        },
    // At a model's pace every event reaches the page on its own, so the naive page renders per
    // event as written; as fast as possible, React batches bursts and the cost moves into long tasks.
    client: quick
      ? { chunks: 5_000, modes: [{ name: "paced 500/s", delayMs: 2 }] }
      : {
          chunks: 5_000,
          modes: [
            { name: "paced 50/s", delayMs: PACED_DELAY_MS },
            { name: "as fast as possible", delayMs: 0 },
          ],
        },
  };
}
