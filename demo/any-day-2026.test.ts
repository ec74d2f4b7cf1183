// The demo seed on every day of 2026 (and any-day-2027.test.ts: two consecutive years), within
// the schema's constraints and the seed's own promises (any-day-testing.ts).
import { expect, it } from "vitest";
import { problemsOfYear } from "../tests/support/any-day-testing.ts";

it("seeds on every day of 2026", async () => {
	expect(await problemsOfYear(2026)).toEqual([]);
}, 300_000);
