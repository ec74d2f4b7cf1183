import { describe, expect, it } from "vitest";
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";

const owner = { identifier: "1000000001", names: ["Jean-Pierre", "Dupont"], email: "jp.dupont@example.fr" };
const strong12 = "Vz7!qLp2#xRm";

function refusal(password: string): string | null {
	const result = checkPassword(password, owner);
	return result.ok ? null : result.message;
}

describe("password policy: length", () => {
	it("refuses 11 characters", () => {
		expect(refusal("Vz7!qLp2#xR")).toBe("Le mot de passe doit contenir au moins 12 caractères.");
	});

	it("accepts exactly 12 characters when they are hard to guess", () => {
		expect([...strong12]).toHaveLength(PASSWORD_MIN_LENGTH);
		expect(checkPassword(strong12, owner)).toEqual({ ok: true });
	});

	it("accepts 128 characters and refuses 129", () => {
		const phrase = "la tortue verte mange des fraises sauvages au printemps près du vieux moulin ";
		const long = phrase.repeat(2).slice(0, PASSWORD_MAX_LENGTH);
		expect(checkPassword(long, owner)).toEqual({ ok: true });
		expect(refusal(`${long}x`)).toBe("Le mot de passe doit contenir au plus 128 caractères.");
	});

	it("counts Unicode code points, not UTF-16 units", () => {
		// 11 emoji are 22 UTF-16 units but 11 characters for the user.
		expect(refusal("🔒🐢🍓🌻🚲🎻🧀🥐🏔️🌊".slice(0, 22))).toMatch(/au moins 12/);
		expect(checkPassword("🔒🐢🍓🌻🚲🎻🧀🥐🌊🎲🦉🪁", owner)).toEqual({ ok: true });
	});

	it("keeps leading and trailing spaces: they count and are never trimmed", () => {
		// 10 characters once trimmed would be too short; as typed, it is 12.
		expect(checkPassword(" Vz7qLp2xRm ", owner)).toEqual({ ok: true });
		expect(refusal("Vz7qLp2xRm")).toMatch(/au moins 12/);
	});

	it("has no composition rule: lowercase words only are fine when long", () => {
		expect(checkPassword("le chat de ma voisine joue du violon", owner)).toEqual({ ok: true });
	});
});

describe("password policy: guessability", () => {
	it("refuses common French passwords", () => {
		expect(refusal("motdepasse1234")).toMatch(/Essayez une phrase/);
		expect(refusal("azertyuiop123")).not.toBeNull();
		expect(refusal("Azerty123456")).not.toBeNull();
		expect(refusal("000000000000")).not.toBeNull();
	});

	it("refuses passwords built from the insurer's name", () => {
		expect(refusal("harmoniemutuelle2026")).toMatch(/nom de la mutuelle/);
		expect(refusal("Harmonie2026!!")).toMatch(/nom de la mutuelle/);
		expect(refusal("Espace2026!Espace")).toMatch(/nom de la mutuelle/);
	});

	it("refuses passwords built from the user's name or e-mail", () => {
		expect(refusal("jeandupont1985")).toMatch(/votre nom/);
		expect(refusal("Dupont-Pierre-75")).not.toBeNull();
		expect(refusal("jp.dupont2026!")).not.toBeNull();
	});

	it("refuses a password containing the numeric identifier, however strong the rest", () => {
		expect(refusal("x7#Qv!1000000001")).toBe("Le mot de passe ne doit pas contenir votre identifiant.");
		expect(refusal("Jean1000000001")).toBe("Le mot de passe ne doit pas contenir votre identifiant.");
	});

	it("accepts a long French passphrase, even with the user's first name in it", () => {
		expect(checkPassword("la tortue mange des fraises au printemps", owner)).toEqual({ ok: true });
		expect(checkPassword("pierre aime les cerises du jardin en juillet", owner)).toEqual({ ok: true });
	});

	it("judges the same password differently for another owner", () => {
		const other = { identifier: "1000000002", names: ["Marie", "Curie"] };
		expect(checkPassword("jeandupont1985", other).ok).toBe(true);
	});
});
