"use client";

import { startTransition, useEffect, useMemo, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { pluginsFor, pluginsVersion, subscribePlugins } from "./lazy-plugins";
import { MarkdownBlock } from "./markdown-block";
import { mayContainMath, normalizeMath } from "./normalize-math";
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
}

/** An answer's markdown, rendered block by block (see split-markdown-blocks.ts for why). */
export function Markdown({ text, className = "" }: MarkdownProps) {
  const t = useT();
  const version = usePluginsVersion();
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text]);
  return (
    <div className={`markdown ${className}`} data-plugins={version}>
      {blocks.map((block, index) => {
        const math = mayContainMath(block);
        return (
          <MarkdownBlock
            // Index keys: a block only ever grows at the end, and earlier indexes keep their text.
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity beyond position.
            key={index}
            text={math ? normalizeMath(block) : block}
            plugins={pluginsFor(FENCE.test(block), math)}
            copyLabel={t.copyCode}
            copiedLabel={t.copied}
          />
        );
      })}
    </div>
  );
}
