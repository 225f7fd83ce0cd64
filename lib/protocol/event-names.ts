import type { EventName } from "./events";

// The protocol's event names without its schemas, for code that must stay light (the browser).
// A Record, so adding an event to the protocol fails to compile here until it is listed.
const names: Record<EventName, true> = {
  start: true,
  reasoning: true,
  message: true,
  tool_call: true,
  tool_result: true,
  tool_approval: true,
  error: true,
  end: true,
};

export const eventNames = Object.keys(names) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(names, name);
}
