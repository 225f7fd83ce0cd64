"use client";

import { useMemo } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { formatJson } from "./format";
import { useDisclosure } from "./use-disclosure";

const FOLD_LINES = 12;
const FOLD_CHARS = 1200;

interface JsonBlockProps {
  label: string;
  value: unknown;
  tone?: "normal" | "error";
  testId?: string;
}

/** A labelled, pretty-printed JSON value; long output is folded behind "Show more". */
export function JsonBlock({ label, value, tone = "normal", testId }: JsonBlockProps) {
  const t = useT();
  const { open: expanded, regionId, toggle } = useDisclosure(false);
  // A tool card re-renders with every frame of its answer; its value is the same object until it
  // changes, and formatting a large result each frame is wasted work.
  const text = useMemo(() => formatJson(value), [value]);
  const long = text.split("\n").length > FOLD_LINES || text.length > FOLD_CHARS;
  const folded = long && !expanded;
  const colour =
    tone === "error" ? "text-red-700 dark:text-red-300" : "text-neutral-700 dark:text-neutral-300";
  return (
    <div>
      <div className="mb-1 font-medium text-[0.6875rem] text-neutral-500 uppercase tracking-wide dark:text-neutral-400">
        {label}
      </div>
      <div className="relative">
        <pre
          id={regionId}
          data-testid={testId}
          className={`overflow-x-auto whitespace-pre-wrap break-words rounded-lg bg-white p-2 font-mono text-xs leading-relaxed dark:bg-neutral-950 ${colour} ${folded ? "max-h-48 overflow-y-hidden" : ""}`}
        >
          {text}
        </pre>
        {folded && (
          <div className="pointer-events-none absolute inset-x-0 bottom-0 h-10 rounded-b-lg bg-gradient-to-t from-white dark:from-neutral-950" />
        )}
      </div>
      {long && (
        <button
          type="button"
          {...toggle}
          data-testid="show-more"
          className="mt-1 rounded text-brand-600 text-xs hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300"
        >
          {expanded ? t.showLess : t.showMore}
        </button>
      )}
    </div>
  );
}
