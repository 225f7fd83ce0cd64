import "server-only";
import type { McpServer, RegisteredTool } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { BuiltinServerDeps } from "./builtin-server";
import { currentTime, defaultTimeZone } from "./current-time";
import { toolResult } from "./tool-result";

const currentTimeShape = {
  iso: z.string().describe("ISO 8601 with UTC offset"),
  time_zone: z.string().describe("IANA zone name (or UTC±hh:mm for a fixed offset)"),
  local: z.string().describe("wall-clock time in that zone, YYYY-MM-DD HH:mm:ss"),
  weekday: z.string().describe("day of the week in English"),
  utc_offset: z.string().describe("offset from UTC, ±hh:mm"),
  unix_ms: z.number().describe("milliseconds since 1970-01-01T00:00:00Z"),
};

/** get_current_time: the time now, in a zone the model names or the server's own. */
export function registerCurrentTimeTool(server: McpServer, deps: BuiltinServerDeps): RegisteredTool {
  return server.registerTool(
    "get_current_time",
    {
      title: "Current time",
      description:
        "The current date and time. Pass `timezone` as an IANA zone name whenever the user names a place " +
        "or zone (Asia/Shanghai for 北京时间 / China, Asia/Tokyo, Europe/London, America/New_York, UTC); a fixed " +
        `offset such as +08:00 also works. Without it the server's own zone (${defaultTimeZone()}) is used, ` +
        "which may not be the user's. Returns JSON: iso (ISO 8601 with offset), local (YYYY-MM-DD HH:mm:ss " +
        "wall-clock time), weekday (English), utc_offset, time_zone and unix_ms.",
      inputSchema: {
        timezone: z
          .string()
          .max(64)
          .optional()
          .describe("IANA time zone, e.g. Asia/Shanghai; omit for the server's zone"),
      },
      outputSchema: currentTimeShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ timezone }) => toolResult(() => currentTime(timezone, deps.now?.() ?? new Date())),
  );
}
