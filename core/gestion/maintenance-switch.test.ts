import { describe, expect, it } from "vitest";
import { parseParisDateTime } from "./maintenance-switch.ts";

describe("a maintenance window typed in Paris time", () => {
	it("reads winter and summer times, and a DST day, as the right instants", () => {
		expect(parseParisDateTime("12/12/2026 22:00")?.toISOString()).toBe("2026-12-12T21:00:00.000Z");
		expect(parseParisDateTime("1/7/2026 8h30")?.toISOString()).toBe("2026-07-01T06:30:00.000Z");
		// 29 March 2026: clocks go from 02:00 to 03:00; 04:00 is already summer time.
		expect(parseParisDateTime("29/03/2026 04:00")?.toISOString()).toBe("2026-03-29T02:00:00.000Z");
		expect(parseParisDateTime("29/03/2026 01:00")?.toISOString()).toBe("2026-03-29T00:00:00.000Z");
	});

	it("refuses what is not a real day and time", () => {
		for (const text of ["31/02/2026 10:00", "12/12/2026 24:00", "12/12/2026", "demain", "12/12/2026 10:75"])
			expect(parseParisDateTime(text), text).toBeNull();
	});
});
