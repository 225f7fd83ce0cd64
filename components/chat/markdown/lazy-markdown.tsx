"use client";

import { type ComponentType, createContext, useContext, useEffect, useState } from "react";
import type { MarkdownProps } from "./markdown";

// react-markdown, micromark and GFM are about a quarter of the page's JavaScript and of no use
// before there is an answer to show. They load when the first answer renders, or as soon as the
// reader starts typing (preloadMarkdown), so they are usually there before the answer is; in the
// moment between, the answer shows as plain text.

type MarkdownComponent = ComponentType<MarkdownProps>;

let loaded: MarkdownComponent | undefined;
let loading: Promise<MarkdownComponent> | undefined;

export function preloadMarkdown(): Promise<MarkdownComponent> {
  loading ??= import("./markdown").then((module) => {
    loaded = module.Markdown;
    return module.Markdown;
  });
  return loading;
}

/**
 * The renderer itself, for a page that shows only finished answers and wants them formatted in
 * its server-rendered HTML (a share link): that page imports it, and its bundle carries it.
 */
export const MarkdownRenderer = createContext<MarkdownComponent | undefined>(undefined);

export function Markdown(props: MarkdownProps) {
  const given = useContext(MarkdownRenderer);
  const [Loaded, setLoaded] = useState<MarkdownComponent | undefined>(() => given ?? loaded);
  useEffect(() => {
    if (Loaded) return;
    let mounted = true;
    preloadMarkdown().then(
      (component) => {
        if (mounted) setLoaded(() => component);
      },
      (error: unknown) => {
        // Plain text stays: readable, just not formatted. The next answer tries again.
        loading = undefined;
        console.warn("[markdown] could not load the renderer", error);
      },
    );
    return () => {
      mounted = false;
    };
  }, [Loaded]);
  if (!Loaded)
    return <div className={`markdown whitespace-pre-wrap ${props.className ?? ""}`}>{props.text}</div>;
  return <Loaded {...props} />;
}
