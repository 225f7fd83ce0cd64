"use client";

import { useEffect, useState } from "react";
import { Icon } from "./icons";

interface CopyButtonProps {
  /** Read when clicked, so a streaming answer copies what is there at that moment. */
  text: string | (() => string);
  label: string;
  copiedLabel: string;
  className?: string;
  showLabel?: boolean;
  testId?: string;
}

/** Copies to the clipboard and says so for two seconds (the label changes, so screen readers hear it). */
export function CopyButton({
  text,
  label,
  copiedLabel,
  className = "",
  showLabel = false,
  testId,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    const value = typeof text === "function" ? text() : text;
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API refused (http, or an old browser): fall back to a hidden textarea.
      const area = document.createElement("textarea");
      area.value = value;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
  }

  const current = copied ? copiedLabel : label;
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={showLabel ? undefined : current}
      title={current}
      data-testid={testId}
      data-copied={copied || undefined}
      className={`inline-flex items-center gap-1.5 rounded-md text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100 ${showLabel ? "px-2 py-1 text-xs" : "size-7 justify-center"} ${className}`}
    >
      {copied ? <Icon name="check" className="size-3.5" /> : <Icon name="copy" className="size-3.5" />}
      {showLabel && <span>{current}</span>}
    </button>
  );
}
