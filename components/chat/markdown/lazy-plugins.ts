import type { Options } from "react-markdown";
import remarkGfm from "remark-gfm";

// Syntax highlighting and math are big (highlight.js grammars, KaTeX and its fonts), and most
// answers need neither: they load on first use, with their CSS, and every block that needs them
// re-renders once when they arrive.

type PluginList = NonNullable<Options["remarkPlugins"]>;

export interface PluginSet {
  remark: PluginList;
  rehype: PluginList;
}

type Feature = "highlight" | "math";

const loaded: { highlight?: PluginList; math?: PluginSet } = {};
const pending = new Set<Feature>();
const listeners = new Set<() => void>();
const combined = new Map<string, PluginSet>();

function load(feature: Feature): void {
  if (loaded[feature] || pending.has(feature)) return;
  pending.add(feature);
  const done =
    feature === "highlight"
      ? import("./highlight-plugin").then((m) => {
          loaded.highlight = [[m.rehypeHighlight, { plainText: ["text", "txt", "plain"] }]];
        })
      : import("./math-plugins").then((m) => {
          loaded.math = {
            remark: [m.remarkMath],
            // A half-streamed formula is expected: show it as source, not as an error.
            rehype: [[m.rehypeKatex, { throwOnError: false, strict: "ignore", errorColor: "inherit" }]],
          };
        });
  done
    .catch((error: unknown) => console.warn(`[markdown] could not load ${feature}`, error))
    .finally(() => {
      pending.delete(feature);
      for (const listener of listeners) listener();
    });
}

export function subscribePlugins(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes whenever a feature finishes loading (the useSyncExternalStore snapshot). */
export function pluginsVersion(): number {
  return (loaded.highlight ? 1 : 0) + (loaded.math ? 2 : 0);
}

/**
 * The plugins for one block: GFM always, highlighting and math once loaded if the block needs them
 * (asking starts the load). The same arrays come back for the same answer, so memoised blocks stay
 * memoised.
 */
export function pluginsFor(needsHighlight: boolean, needsMath: boolean): PluginSet {
  if (needsHighlight) load("highlight");
  if (needsMath) load("math");
  const highlight = needsHighlight ? loaded.highlight : undefined;
  const math = needsMath ? loaded.math : undefined;
  const key = `${highlight ? "h" : ""}${math ? "m" : ""}`;
  let set = combined.get(key);
  if (!set) {
    set = {
      remark: [remarkGfm, ...(math?.remark ?? [])],
      rehype: [...(math?.rehype ?? []), ...(highlight ?? [])],
    };
    combined.set(key, set);
  }
  return set;
}
