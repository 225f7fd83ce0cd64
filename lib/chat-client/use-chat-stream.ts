"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { ChatController, type ChatControllerOptions, type SendOptions } from "./chat-controller";
import type { ChatStatus, UIMessage, UserPart } from "./types";

// React's window onto a ChatController: the controller owns the conversation and batches its
// updates to one per frame; this hook only subscribes and hands out its methods.

export interface UseChatStreamOptions {
  endpoint?: string;
  initialMessages?: UIMessage[];
  /** For persistence: a new turn, a finished answer, setMessages, and a streaming answer about once a second. */
  onMessagesChange?: (messages: UIMessage[]) => void;
  fetch?: typeof fetch;
  /** The server keeps the history: switching conversations leaves a running answer running there. */
  detachOnLeave?: boolean;
}

export interface ChatStream {
  messages: UIMessage[];
  status: ChatStatus;
  send(text: string, options: SendOptions, files?: readonly UserPart[]): void;
  stop(): void;
  regenerate(options: SendOptions): void;
  edit(messageId: string, text: string, options: SendOptions): void;
  setMessages(messages: UIMessage[]): void;
}

export function useChatStream(options: UseChatStreamOptions = {}): ChatStream {
  // The controller lives as long as the component; callbacks are read through a ref so a caller
  // passing new closures each render neither recreates it nor goes stale.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [controller] = useState(() => createChatController(latest));
  useEffect(() => controller.abandon, [controller]);

  const snapshot = useSyncExternalStore(
    controller.subscribe,
    controller.getSnapshot,
    controller.getServerSnapshot,
  );
  return useMemo(
    () => ({
      messages: snapshot.messages,
      status: snapshot.status,
      send: controller.send,
      stop: controller.stop,
      regenerate: controller.regenerate,
      edit: controller.edit,
      setMessages: controller.setMessages,
    }),
    [snapshot, controller],
  );
}

/**
 * The hook's controller: endpoint and initial messages as first given, the callbacks as they are
 * in `latest` when called. Apart from the hook so that it can be tested without a DOM.
 */
export function createChatController(latest: { readonly current: UseChatStreamOptions }): ChatController {
  const { endpoint, initialMessages } = latest.current;
  const config: ChatControllerOptions = {
    onChange: (messages) => latest.current.onMessagesChange?.(messages),
    fetch: (input, init) => (latest.current.fetch ?? fetch)(input, init),
  };
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (latest.current.detachOnLeave) config.detachOnLeave = true;
  if (initialMessages !== undefined) config.initialMessages = initialMessages;
  return new ChatController(config);
}
