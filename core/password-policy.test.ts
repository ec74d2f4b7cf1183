import { describe, expect, it } from "vitest";
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";

const owner = { identifier: "1000000001", names: ["Jean-Pierre", "Dupont"], email: "jp.dupont@example.fr" };
const strong12 = "Vz7!qLp2#xRm";

async function refusal(password: string): Promise<string | null> {
	const result = await checkPassword(password, owner);
	return result.ok ? null : result.message;
}

describe("password policy: length", () => {
	it("refuses 11 characters", async () => {
		expect(await refusal("Vz7!qLp2#xR")).toBe("Le mot de passe doit contenir au moins 12 caractères.");
	});

	it("accepts exactly 12 characters when they are hard to guess", async () => {
		expect([...strong12]).toHaveLength(PASSWORD_MIN_LENGTH);
		expect(await checkPassword(strong12, owner)).toEqual({ ok: true });
	});

	it("accepts 128 characters and refuses 129", async () => {
		const phrase = "la tortue verte mange des fraises sauvages au printemps près du vieux moulin ";
		const long = phrase.repeat(2).slice(0, PASSWORD_MAX_LENGTH);
		expect(await checkPassword(long, owner)).toEqual({ ok: true });
		expect(await refusal(`${long}x`)).toBe("Le mot de passe doit contenir au plus 128 caractères.");
	});

	it("counts Unicode code points, not UTF-16 units", async () => {
		// 11 emoji are 22 UTF-16 units but 11 characters for the user.
		expect(await refusal("🔒🐢🍓🌻🚲🎻🧀🥐🏔️🌊".slice(0, 22))).toMatch(/au moins 12/);
		expect(await checkPassword("🔒🐢🍓🌻🚲🎻🧀🥐🌊🎲🦉🪁", owner)).toEqual({ ok: true });
	});

	it("keeps leading and trailing spaces: they count and are never trimmed", async () => {
		// 10 characters once trimmed would be too short; as typed, it is 12.
		expect(await checkPassword(" Vz7qLp2xRm ", owner)).toEqual({ ok: true });
		expect(await refusal("Vz7qLp2xRm")).toMatch(/au moins 12/);
	});

	it("has no composition rule: lowercase words only are fine when long", async () => {
		expect(await checkPassword("le chat de ma voisine joue du violon", owner)).toEqual({ ok: true });
	});
});

describe("password policy: guessability", () => {
	it("refuses common French passwords", async () => {
		expect(await refusal("motdepasse1234")).toMatch(/Essayez une phrase/);
		expect(await refusal("azertyuiop123")).not.toBeNull();
		expect(await refusal("Azerty123456")).not.toBeNull();
		expect(await refusal("000000000000")).not.toBeNull();
	});

	it("refuses passwords built from the insurer's name", async () => {
		expect(await refusal("harmoniemutuelle2026")).toMatch(/nom de la mutuelle/);
		expect(await refusal("Harmonie2026!!")).toMatch(/nom de la mutuelle/);
		expect(await refusal("Espace2026!Espace")).toMatch(/nom de la mutuelle/);
	});

	it("refuses passwords built from the user's name or e-mail", async () => {
		expect(await refusal("jeandupont1985")).toMatch(/votre nom/);
		expect(await refusal("Dupont-Pierre-75")).not.toBeNull();
		expect(await refusal("jp.dupont2026!")).not.toBeNull();
	});

	it("refuses a password containing the numeric identifier, however strong the rest", async () => {
		expect(await refusal("x7#Qv!1000000001")).toBe("Le mot de passe ne doit pas contenir votre identifiant.");
		expect(await refusal("Jean1000000001")).toBe("Le mot de passe ne doit pas contenir votre identifiant.");
	});

	it("accepts a long French passphrase, even with the user's first name in it", async () => {
		expect(await checkPassword("la tortue mange des fraises au printemps", owner)).toEqual({ ok: true });
		expect(await checkPassword("pierre aime les cerises du jardin en juillet", owner)).toEqual({ ok: true });
	});

	it("judges the same password differently for another owner", async () => {
		const other = { identifier: "1000000002", names: ["Marie", "Curie"] };
		expect((await checkPassword("jeandupont1985", other)).ok).toBe(true);
	});
});
