"use client";

import { startTransition, useDeferredValue, useEffect, useMemo, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import type { WebSource } from "@/lib/chat-client/answer-sources";
import { PlainTextFallback } from "../plain-text-fallback";
import { type PluginSet, pluginsFor, pluginsVersion, subscribePlugins } from "./lazy-plugins";
import { MarkdownBlock } from "./markdown-block";
import { mayContainMath, normalizeMath } from "./normalize-math";
import { remarkCitations } from "./remark-citations";
import { splitMarkdownBlocks } from "./split-markdown-blocks";

const FENCE = /^\s*(```|~~~)/m;

/**
 * Re-renders when highlighting or math finishes loading — as a transition, so the dozens of code
 * blocks a long answer may already hold are re-rendered in time slices, not one long frozen task.
 */
function usePluginsVersion(): number {
  const [version, setVersion] = useState(pluginsVersion);
  useEffect(() => {
    const update = () => startTransition(() => setVersion(pluginsVersion()));
    update();
    return subscribePlugins(update);
  }, []);
  return version;
}

export interface MarkdownProps {
  text: string;
  className?: string;
  /** Still streaming: even the first render happens in the background (see below). */
  live?: boolean;
  /** The answer's web sources: its [n] citations link to them (PROTOCOL.md section 22). */
  sources?: readonly WebSource[] | undefined;
}

/** An answer's markdown, rendered block by block (see split-markdown-blocks.ts for why). */
export function Markdown({ text, className = "", live = false, sources }: MarkdownProps) {
  const t = useT();
  const withCitations = useMemo(() => citationPlugins(sources), [sources]);
  const version = usePluginsVersion();
  // A streaming answer's text is rendered as a deferred value: the urgent render (once a frame)
  // finds every block memoised and returns at once, and the new text renders in the background,
  // where React yields to the browser between blocks. A burst of text (a fast provider, a resumed
  // stream catching up) then costs many short tasks instead of one long frozen frame. A live answer
  // defers its first render too (it may mount with a lot of text, when the renderer arrives late);
  // a finished one renders at once, so history and scroll positions are right on the first paint.
  const deferred = useDeferredValue(text, live ? "" : text);
  const blocks = useMemo(() => splitMarkdownBlocks(deferred), [deferred]);
  return (
    <div className={`markdown ${className}`} data-plugins={version}>
      {blocks.map((block, index) => {
        const math = mayContainMath(block);
        return (
          // One boundary per block: a block that throws shows as its text, the others stay formatted.
          // Reset by the block's text, so the growing last block of a stream tries again each time.
          <ErrorBoundary
            // Index keys: a block only ever grows at the end, and earlier indexes keep their text.
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity beyond position.
            key={index}
            resetKey={block}
            fallback={<PlainTextFallback text={block} note={t.plainTextFailed} className="markdown-block" />}
          >
            <MarkdownBlock
              text={math ? normalizeMath(block) : block}
              plugins={withCitations(pluginsFor(FENCE.test(block), math))}
              copyLabel={t.copyCode}
              copiedLabel={t.copied}
              tooDeepNote={t.plainTextTooDeep}
              sourceLabel={t.sourceLabel}
            />
          </ErrorBoundary>
        );
      })}
    </div>
  );
}

/**
 * Adds the citation step to a block's plugins when the answer has sources. The same set comes back
 * for the same plugins and sources, so finished blocks stay memoised while the answer streams.
 */
function citationPlugins(sources: readonly WebSource[] | undefined): (plugins: PluginSet) => PluginSet {
  if (!sources || sources.length === 0) return (plugins) => plugins;
  const options = { sources: new Map(sources.map((source) => [source.index, source])) };
  const sets = new Map<PluginSet, PluginSet>();
  return (plugins) => {
    let set = sets.get(plugins);
    if (!set) {
      set = { remark: [...plugins.remark, [remarkCitations, options]], rehype: plugins.rehype };
      sets.set(plugins, set);
    }
    return set;
  };
}
