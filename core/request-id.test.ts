import { describe, expect, it } from "vitest";
import { newRequestId } from "./request-id.ts";

const bytes = (value: number) => (length: number) => new Uint8Array(length).fill(value);

describe("request ids", () => {
	it("are 32 hex digits: the instant in milliseconds, then 80 random bits", () => {
		const id = newRequestId(new Date("2026-12-06T04:30:00.123Z"), bytes(0xab));
		expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect(Number.parseInt(id.slice(0, 12), 16)).toBe(Date.parse("2026-12-06T04:30:00.123Z"));
		expect(id.slice(12)).toBe("ab".repeat(10));
	});

	it("sort as their instants do, whatever their random part", () => {
		const instants = [
			"1970-01-01T00:00:00.001Z",
			"2026-01-31T23:59:59.999Z",
			"2026-12-06T04:30:00Z",
			"2099-12-31T00:00:00Z",
		];
		const ids = instants.map((instant, index) => newRequestId(new Date(instant), bytes(255 - index * 60)));
		expect([...ids].sort()).toEqual(ids);
	});

	it("differ within one millisecond by their random part", () => {
		const now = new Date("2026-12-06T04:30:00Z");
		let counter = 0;
		const random = (length: number) => new Uint8Array(length).fill(counter++);
		expect(newRequestId(now, random)).not.toBe(newRequestId(now, random));
	});
});
