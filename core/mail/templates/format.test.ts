import { describe, expect, it } from "vitest";
import { calendarDay, instant } from "./fields.ts";
import { formatDay, formatDays, formatInstant, ofName } from "./format.ts";

describe("formatInstant", () => {
	it("writes an instant in Paris time, winter and summer", () => {
		expect(formatInstant(new Date("2026-11-26T09:05:00Z"))).toBe("jeudi 26 novembre 2026 à 10:05");
		expect(formatInstant(new Date("2026-07-14T20:30:00Z"))).toBe("mardi 14 juillet 2026 à 22:30");
	});
});

describe("formatDay", () => {
	it("writes a calendar day with its weekday, and the first of a month as 1er", () => {
		expect(formatDay("2026-11-26")).toBe("jeudi 26 novembre 2026");
		expect(formatDay("2026-12-01")).toBe("mardi 1er décembre 2026");
		expect(formatDay("2026-12-21")).toBe("lundi 21 décembre 2026");
	});
});

describe("ofName and formatDays", () => {
	it("elides de before a vowel or a mute h", () => {
		expect(ofName("Harmonie Mutuelle")).toBe("d'Harmonie Mutuelle");
		expect(ofName("Mutuelle Bleue")).toBe("de Mutuelle Bleue");
	});

	it("writes one day in the singular", () => {
		expect(formatDays(1)).toBe("1 jour");
		expect(formatDays(7)).toBe("7 jours");
	});
});

describe("date fields", () => {
	it("take an instant as its calendar day in Paris", () => {
		expect(calendarDay.parse("2026-11-26")).toBe("2026-11-26");
		expect(calendarDay.parse("2026-11-26T23:30:00Z")).toBe("2026-11-27");
		expect(calendarDay.parse(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
	});

	it("refuse what is not a date", () => {
		expect(calendarDay.safeParse("26/11/2026").success).toBe(false);
		expect(instant.safeParse("2026-11-26 10:05").success).toBe(false);
		expect(instant.safeParse(new Date(Number.NaN)).success).toBe(false);
	});
});
