export * from "./events";
export * from "./request";
export * from "./sse-encoder";
export * from "./sse-parser";
