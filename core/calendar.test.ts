import { describe, expect, it } from "vitest";
import { addMonths, addWorkingDays, addYears, frenchPublicHolidays, parisDay } from "./calendar.ts";

describe("the calendar of the schedules", () => {
	it("takes the day in Paris, not in UTC", () => {
		expect(parisDay(new Date("2026-11-26T23:30:00Z"))).toBe("2026-11-27");
		// Kept per UTC hour: every half hour of two years, across both changes of time,
		// reads the same as ICU (asked twice, so the second answer comes from what was kept).
		const icu = new Intl.DateTimeFormat("en-CA", {
			timeZone: "Europe/Paris",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
		});
		for (let time = Date.UTC(2025, 0, 1); time < Date.UTC(2027, 0, 1); time += 30 * 60_000) {
			const instant = new Date(time);
			expect(parisDay(instant)).toBe(icu.format(instant));
			expect(parisDay(instant)).toBe(icu.format(instant));
		}
		expect(parisDay(new Date("1900-06-01T23:50:00Z"))).toBe(icu.format(new Date("1900-06-01T23:50:00Z")));
	});

	it("knows the movable public holidays", () => {
		const holidays = frenchPublicHolidays(2026);
		expect(holidays.has("2026-04-06")).toBe(true); // lundi de Pâques
		expect(holidays.has("2026-05-14")).toBe(true); // Ascension
		expect(holidays.has("2026-05-25")).toBe(true); // lundi de Pentecôte
		expect(holidays.size).toBe(11);
	});

	it("counts 10 jours ouvrables without Sundays and public holidays", () => {
		// From Thursday 26 November 2026: Saturdays count, Sundays do not.
		expect(addWorkingDays("2026-11-26", 10)).toBe("2026-12-08");
		// Over Christmas: 25 December is skipped.
		expect(addWorkingDays("2026-12-21", 5)).toBe("2026-12-28");
	});

	it("adds months and years at the end of short months", () => {
		expect(addMonths("2026-11-26", 2)).toBe("2027-01-26");
		expect(addMonths("2027-12-31", 2)).toBe("2028-02-29");
		expect(addYears("2024-02-29", 2)).toBe("2026-02-28");
	});
});
