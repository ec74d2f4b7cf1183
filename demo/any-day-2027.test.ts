// The demo seed on every day of 2027 (and any-day-2026.test.ts: two consecutive years), within
// the schema's constraints and the seed's own promises (any-day-testing.ts).
import { expect, it } from "vitest";
import { problemsOfYear } from "../tests/support/any-day-testing.ts";

it("seeds on every day of 2027", async () => {
	expect(await problemsOfYear(2027)).toEqual([]);
}, 300_000);
