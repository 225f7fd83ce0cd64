import { describe, expect, it } from "vitest";
import { countWrites, writeBound, writeKind } from "./store-writes";

describe("writeKind", () => {
  it("names the verb and the table of a statement that writes", () => {
    expect(writeKind('insert into "conversations" ("id", "owner_id") values ($1, $2)')).toBe(
      "insert conversations",
    );
    expect(writeKind('update "messages" set "content" = $1 where "id" = $2')).toBe("update messages");
    expect(writeKind("  DELETE FROM public.conversations WHERE id = $1")).toBe("delete conversations");
    expect(
      writeKind(
        'insert into "conversations" ("id") values ($1) on conflict ("id") do update set "title" = $2',
      ),
    ).toBe("insert conversations");
  });

  it("names each write of a statement that also writes in its WITH", () => {
    expect(
      writeKind(
        'with "kept" as (update "messages" set "status" = $1 returning "id") insert into "usage" ("message_id") select "id" from "kept" on conflict ("message_id") do update set "model" = $2',
      ),
    ).toBe("update messages + insert usage");
  });

  it("leaves out reads and everything else", () => {
    expect(writeKind('select "id" from "messages" where "id" = $1')).toBeUndefined();
    expect(writeKind("BEGIN")).toBeUndefined();
    expect(writeKind('select "id" from "messages" where "updated_at" > $1 for update')).toBeUndefined();
  });
});

describe("writeBound", () => {
  it("is the fixed writes plus a save every started 2 s and one per tool result", () => {
    expect(writeBound(5).bound).toBe(1 + 3 + 1);
    expect(writeBound(4, 2).bound).toBe(1 + 2 + 2 + 1);
    expect(writeBound(0.1).text).toContain("= 1 saves");
  });
});

describe("countWrites", () => {
  it("sums the write statements by kind, per answer, and ignores reads", () => {
    const count = countWrites(
      [
        { query: 'insert into "messages" values ($1)', calls: 8 },
        { query: 'update "messages" set x = $1', calls: 12 },
        { query: 'update "conversations" set y = $1', calls: 8 },
        { query: 'select * from "messages"', calls: 100 },
      ],
      4,
      5,
    );
    expect(count.perAnswer).toBe(7);
    expect(count.byStatement).toEqual({
      "insert messages": 2,
      "update conversations": 2,
      "update messages": 3,
    });
    expect(count.bound).toBe(writeBound(5).bound);
  });

  it("has no figure for no answers", () => {
    expect(countWrites([], 0, 1).perAnswer).toBeNaN();
  });
});
