// A budget's periods (PROTOCOL.md section 17): the day and the month that contain an instant, as
// midnights in the operator's time zone (QUOTA_TIMEZONE), computed with Intl alone. A month starts
// on the 1st at local midnight; a day that has no midnight (a DST change at 00:00) starts at the
// first instant it has.

export interface BudgetPeriods {
  dayStart: Date;
  /** The next day's start: when a tokens-per-day budget resets. */
  dayEnd: Date;
  monthStart: Date;
  /** The next month's start: when a money-per-month budget resets. */
  monthEnd: Date;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let known = formatters.get(timeZone);
  if (!known) {
    known = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, known);
  }
  return known;
}

/** The wall clock in `timeZone` at `instant`, read as if it were UTC, in milliseconds. */
function wallClock(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const field = (name: string) => parts[name] ?? 0;
  return Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
}

/** How far `timeZone` is ahead of UTC at `instant`. */
function offsetAt(timeZone: string, instant: number): number {
  return wallClock(timeZone, instant) - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The first instant of a local date in `timeZone`. */
export function startOfLocalDate(timeZone: string, date: LocalDate): Date {
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  // The zone's offsets a day either side: local midnight is midnight minus one of them. The first
  // candidate whose wall clock has reached the date is its start; on a day whose clocks jumped
  // over midnight that is the instant they landed.
  const candidates = [offsetAt(timeZone, midnight - DAY_MS), offsetAt(timeZone, midnight + DAY_MS)]
    .map((offset) => midnight - offset)
    .filter((instant) => wallClock(timeZone, instant) >= midnight)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? midnight - offsetAt(timeZone, midnight));
}

function localDate(timeZone: string, instant: number): LocalDate {
  const wall = new Date(wallClock(timeZone, instant));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** Day-of-month arithmetic through Date.UTC, which carries overflow into the next month and year. */
function shifted(date: LocalDate, days: number, months: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1 + months, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function budgetPeriods(now: Date, timeZone: string): BudgetPeriods {
  const today = localDate(timeZone, now.getTime());
  const firstOfMonth = { ...today, day: 1 };
  return {
    dayStart: startOfLocalDate(timeZone, today),
    dayEnd: startOfLocalDate(timeZone, shifted(today, 1, 0)),
    monthStart: startOfLocalDate(timeZone, firstOfMonth),
    monthEnd: startOfLocalDate(timeZone, shifted(firstOfMonth, 0, 1)),
  };
}
