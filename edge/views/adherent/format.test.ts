// French formatting at the edge of the views: money from cents, calendar days without a zone
// shift, months, rates, instants in Paris.
import { describe, expect, it } from "vitest";
import {
	formatDate,
	formatInstant,
	formatMoney,
	formatMonth,
	formatPlainAmount,
	formatRate,
	parisDayOf,
} from "./format.ts";

// French typography: a narrow no-break space between thousands, a no-break space before "€".
const spaces = (text: string) => text.replaceAll("\u202f", " ").replaceAll("\u00a0", " ");

describe("the formatters", () => {
	it("write money from integer cents", () => {
		expect(spaces(formatMoney(1250))).toBe("12,50 €");
		expect(spaces(formatMoney(123456))).toBe("1 234,56 €");
		expect(spaces(formatMoney(0))).toBe("0,00 €");
		expect(formatPlainAmount(123456)).toBe("1234,56");
		expect(formatPlainAmount(5)).toBe("0,05");
	});

	it("write calendar days and months as they are, whatever the server's zone", () => {
		expect(formatDate("2026-11-26")).toBe("26/11/2026");
		expect(formatDate("2026-01-01")).toBe("01/01/2026");
		expect(formatMonth("2026-10")).toBe("octobre 2026");
		// Every month reads as Intl writes it.
		const intl = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
		for (let month = 1; month <= 12; month++) {
			const text = `2026-${String(month).padStart(2, "0")}`;
			expect(formatMonth(text)).toBe(intl.format(new Date(`${text}-01T00:00:00Z`)));
		}
	});

	it("refuse what is not a calendar day or month", () => {
		expect(() => formatDate("26/11/2026")).toThrow(RangeError);
		expect(() => formatMonth("2026-13")).toThrow(RangeError);
		expect(() => formatMonth("2026-00")).toThrow(RangeError);
	});

	it("write rates from basis points and instants in Paris time", () => {
		expect(spaces(formatRate(7000))).toBe("70 %");
		expect(spaces(formatRate(6550))).toBe("65,5 %");
		expect(formatInstant(new Date("2026-11-26T09:05:00Z"))).toBe("26/11/2026 à 10:05");
		expect(formatInstant(new Date("2026-07-01T22:30:00Z"))).toBe("02/07/2026 à 00:30");
		expect(parisDayOf(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
	});
});

describe("money written by hand", () => {
	it("reads exactly as Intl writes euros, for every magnitude and sign", () => {
		const formatCents = formatMoney;
		const intl = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
		const samples = [
			0,
			1,
			5,
			99,
			100,
			101,
			999,
			1000,
			99_999,
			100_000,
			123_456,
			1_000_000,
			123_456_789,
			2 ** 40,
		];
		for (let cents = -2_000; cents <= 2_000; cents += 7) samples.push(cents);
		for (const cents of [...samples, ...samples.map((value) => -value)]) {
			if (Object.is(cents, -0)) continue;
			expect(formatCents(cents)).toBe(intl.format(cents / 100));
		}
		expect(formatCents(-0)).toBe(intl.format(-0));
		expect(formatCents(12.5)).toBe(intl.format(0.125));
	});
});
