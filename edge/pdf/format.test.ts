import { describe, expect, it } from "vitest";
import { formatLongDay, formatLongInstantDay, withFirstOfMonth } from "../../core/format.ts";

describe("long dates", () => {
	it("write the first day of a month « 1er », and only the first", () => {
		expect(formatLongDay("2026-12-01")).toBe("1er décembre 2026");
		expect(formatLongDay("2026-12-11")).toBe("11 décembre 2026");
		expect(formatLongDay("2026-12-21")).toBe("21 décembre 2026");
		expect(formatLongInstantDay(new Date("2026-11-30T23:30:00Z"))).toBe("1er décembre 2026");
		expect(withFirstOfMonth("mardi 1 décembre 2026 à 10:05")).toBe("mardi 1er décembre 2026 à 10:05");
		expect(withFirstOfMonth("1 déc. 2026, 10:05")).toBe("1er déc. 2026, 10:05");
		expect(withFirstOfMonth("31 déc. 2026, 10:01")).toBe("31 déc. 2026, 10:01");
	});
});
