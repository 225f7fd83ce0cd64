import "server-only";
import type { z } from "zod";
import { invalidRequest, readJsonBody } from "@/lib/http/responses";
import { parseWith } from "./history-schemas";

// A route's JSON body, read within its limit and checked against its schema: the value, or the
// answer that refuses it (415, 413, or 400 naming the field).

export type ValidBody<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readValidBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  limitBytes: number,
): Promise<ValidBody<T>> {
  const body = await readJsonBody(request, limitBytes);
  if (!body.ok) return body;
  const parsed = parseWith(schema, body.value);
  return parsed.ok ? parsed : { ok: false, response: invalidRequest(parsed.message) };
}
