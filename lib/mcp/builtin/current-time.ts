import "server-only";
import { ToolError } from "./tool-error";

export type CurrentTime = {
  /** ISO 8601 with the zone's offset, e.g. "2026-11-24T21:30:00+08:00". */
  iso: string;
  /** Canonical IANA name ("Asia/Shanghai"), or "UTC+05:30" for a fixed offset. */
  time_zone: string;
  /** Wall-clock time in that zone: "2026-11-24 21:30:00". */
  local: string;
  /** English day name: "Tuesday". */
  weekday: string;
  utc_offset: string;
  unix_ms: number;
};

// Names people type for China's single zone; the model should send IANA names, but a user's own
// words sometimes come through verbatim.
const ZONE_ALIASES = new Map<string, string>([
  ["beijing", "Asia/Shanghai"],
  ["china", "Asia/Shanghai"],
  ["北京", "Asia/Shanghai"],
  ["北京时间", "Asia/Shanghai"],
  ["中国", "Asia/Shanghai"],
]);

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/**
 * The zone used when the caller names none: the server's own. Node derives Intl's default from
 * TZ, so a deployment pins it with TZ=Asia/Shanghai; a fixed guess would be wrong for everyone else.
 */
export function defaultTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * The current time in `timeZone` (an IANA name, or a fixed offset such as "+08:00" / "UTC-5"),
 * defaulting to the server's zone. Throws ToolError for a zone it does not know.
 */
export function currentTime(timeZone?: string, now: Date = new Date()): CurrentTime {
  const unixMs = now.getTime();
  if (!Number.isFinite(unixMs)) throw new ToolError("invalid_input", "the clock gave an invalid date");
  const requested = timeZone?.trim() || defaultTimeZone();

  const offsetMinutes = parseFixedOffset(requested);
  if (offsetMinutes !== null) {
    const shifted = new Date(unixMs + offsetMinutes * 60_000);
    const wall: WallClock = {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      weekday: WEEKDAYS[shifted.getUTCDay()] ?? "",
    };
    return assemble(`UTC${formatOffset(offsetMinutes)}`, wall, offsetMinutes, unixMs);
  }

  const zone = ZONE_ALIASES.get(requested.toLowerCase()) ?? requested;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "long",
    });
  } catch {
    throw new ToolError(
      "invalid_input",
      `unknown time zone '${requested.length > 60 ? `${requested.slice(0, 60)}…` : requested}'; ` +
        "use an IANA name such as Asia/Shanghai",
    );
  }

  const parts = new Map(format.formatToParts(now).map((part) => [part.type, part.value]));
  const wall: WallClock = {
    year: Number(parts.get("year")),
    month: Number(parts.get("month")),
    day: Number(parts.get("day")),
    hour: Number(parts.get("hour")),
    minute: Number(parts.get("minute")),
    second: Number(parts.get("second")),
    weekday: parts.get("weekday") ?? "",
  };
  // The offset is whatever separates the zone's wall clock from UTC at this instant (DST included).
  const wallAsUtc = new Date(0);
  wallAsUtc.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  wallAsUtc.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  const wholeSecond = Math.floor(unixMs / 1000) * 1000;
  const offset = Math.round((wallAsUtc.getTime() - wholeSecond) / 60_000);
  return assemble(format.resolvedOptions().timeZone, wall, offset, unixMs);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

function assemble(timeZone: string, wall: WallClock, offsetMinutes: number, unixMs: number): CurrentTime {
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const clock = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  const offset = formatOffset(offsetMinutes);
  return {
    iso: `${date}T${clock}${offset}`,
    time_zone: timeZone,
    local: `${date} ${clock}`,
    weekday: wall.weekday,
    utc_offset: offset,
    unix_ms: unixMs,
  };
}

/** "+08:00", "UTC-5", "GMT+5:30" → minutes east of UTC; null when `text` is not an offset. */
function parseFixedOffset(text: string): number | null {
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  // Real zones span UTC-12 to UTC+14; anything beyond is a typo, not a place.
  if (minutes > 14 * 60 || Number(m[3] ?? 0) >= 60) {
    throw new ToolError(
      "invalid_input",
      `'${text}' is not a valid UTC offset; offsets run from -12:00 to +14:00`,
    );
  }
  return m[1] === "-" ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}
