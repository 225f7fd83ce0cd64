import { describe, expect, it } from "vitest";
import {
  branchPositions,
  branchThrough,
  mergePath,
  newestLeaf,
  pathTo,
  switchBranch,
} from "./conversation-tree";
import type { TreeMessage } from "./history-api";

const msg = (id: string, parentId: string | null, role: "user" | "assistant" = "user"): TreeMessage => ({
  id,
  parentId,
  role,
  content: id,
  parts: [],
  createdAt: 0,
});

// q1 ─ a1 ─ q2 ─ a2
//    └ a1b        └ a2b
//  q2b (edit of q2, under a1) ─ a3
const tree: TreeMessage[] = [
  msg("q1", null),
  msg("a1", "q1", "assistant"),
  msg("q2", "a1"),
  msg("a2", "q2", "assistant"),
  msg("a1b", "q1", "assistant"),
  msg("a2b", "q2", "assistant"),
  msg("q2b", "a1"),
  msg("a3", "q2b", "assistant"),
];

const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);

describe("conversation tree", () => {
  it("derives the path from the root to a leaf", () => {
    expect(ids(pathTo(tree, "a2b"))).toEqual(["q1", "a1", "q2", "a2b"]);
    expect(ids(pathTo(tree, "a3"))).toEqual(["q1", "a1", "q2b", "a3"]);
    expect(pathTo(tree, null)).toEqual([]);
    expect(pathTo(tree, "missing")).toEqual([]);
  });

  it("shows a message on the branch through it: as it is when shown already, else to its newest leaf", () => {
    const shown = { currentLeafId: "a2", messages: tree };
    expect(branchThrough(shown, "q2")).toBe(shown);
    expect(branchThrough(shown, "missing")).toBe(shown);
    expect(branchThrough(shown, undefined)).toBe(shown);
    expect(branchThrough(shown, "q2b")).toEqual({ currentLeafId: "a3", messages: tree });
    expect(branchThrough(shown, "a1b").currentLeafId).toBe("a1b");
  });

  it("survives a cycle in corrupt data instead of looping", () => {
    const loop = [msg("x", "y"), msg("y", "x")];
    expect(ids(pathTo(loop, "x"))).toEqual(["y", "x"]);
  });

  it("follows the newest child down to a leaf", () => {
    expect(newestLeaf(tree, "q1")).toBe("a1b");
    expect(newestLeaf(tree, "a1")).toBe("a3");
    expect(newestLeaf(tree, "a3")).toBe("a3");
  });

  it("says where each message on the path stands among its siblings", () => {
    const positions = branchPositions(tree, ids(pathTo(tree, "a2b")));
    expect(positions.get("a1")).toEqual({ index: 1, count: 2 });
    expect(positions.get("q2")).toEqual({ index: 1, count: 2 });
    expect(positions.get("a2b")).toEqual({ index: 2, count: 2 });
    expect(positions.has("q1")).toBe(false);
  });

  it("switches to a sibling's newest leaf, and not past either end", () => {
    expect(switchBranch(tree, "q2", 1)).toBe("a3");
    expect(switchBranch(tree, "q2b", -1)).toBe("a2b");
    expect(switchBranch(tree, "a1", 1)).toBe("a1b");
    expect(switchBranch(tree, "a1", -1)).toBeUndefined();
    expect(switchBranch(tree, "a1b", 1)).toBeUndefined();
    expect(switchBranch(tree, "missing", 1)).toBeUndefined();
  });

  it("folds a reported path in: known messages replaced in place, new ones hung under the one before", () => {
    const base = [msg("q1", null), msg("a1", "q1", "assistant")];
    const path = [
      { ...msg("q1", null) },
      { ...msg("a1", "q1", "assistant"), content: "finished" },
      { id: "q2", role: "user" as const, content: "next", parts: [], createdAt: 1 },
      {
        id: "a2",
        role: "assistant" as const,
        content: "",
        parts: [],
        createdAt: 1,
        status: "streaming" as const,
      },
    ];
    const merged = mergePath(base, path);
    expect(merged.map((m) => [m.id, m.parentId])).toEqual([
      ["q1", null],
      ["a1", "q1"],
      ["q2", "a1"],
      ["a2", "q2"],
    ]);
    expect(merged[1]?.content).toBe("finished");
    expect(base[1]?.content).toBe("a1");
  });
});
