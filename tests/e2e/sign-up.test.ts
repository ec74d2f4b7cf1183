// A member without an account signs up: the choice of space, the form (first sent empty, then
// filled), the neutral confirmation, the activation link read from the local mailbox, the
// password, and the sign-in page that says the account is active. Every page passes axe-core and
// carries no script at all, so the journey is the one of a browser without JavaScript (axe-core
// itself needs JavaScript, hence a context where it is on).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDatabase } from "../../demo/seed.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestMail, newestSignInCode } from "../support/mailbox.ts";
import { TEST_EPOCH } from "../support/test-clock.ts";
import { createTestDatabase } from "../support/test-database.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

interface Member {
	readonly number: string;
	readonly birthDate: string;
	readonly email: string;
}

/**
 * The portal's database is out of reach, but the seed is deterministic: the same seed at the same
 * date, loaded here in memory, names the members who have no account there either. The last one
 * is taken, so that other tests picking the first ones do not collide with this one.
 */
async function memberWithoutAccount(): Promise<Member> {
	const { db, client } = await createTestDatabase();
	try {
		await seedDatabase(db, {
			scale: 1,
			seed: 42,
			pepper: "e2e-seed-lookup-pepper-not-a-secret-0000",
			now: TEST_EPOCH,
		});
		const rows = await client.execute(`
			SELECT m.member_number AS number, p.birth_date AS birthDate, m.email FROM members m JOIN persons p ON p.id = m.person_id
			WHERE m.email IS NOT NULL AND p.deceased_on IS NULL
				AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
				AND EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = m.id AND c.end_date IS NULL)
			ORDER BY m.id DESC LIMIT 1`);
		const row = rows.rows[0];
		if (!row) throw new Error("the seed has no member without an account");
		return { number: String(row.number), birthDate: String(row.birthDate), email: String(row.email) };
	} finally {
		client.close();
	}
}

let member: Member;

beforeAll(async () => {
	[browser, member] = await Promise.all([launchChromium(), memberWithoutAccount()]);
});
afterAll(async () => {
	await browser?.close();
});

async function expectAccessible(page: Page): Promise<void> {
	expect(await page.locator("script").count(), `${page.url()} ships a script`).toBe(0);
	const violations = await axeViolations(page);
	expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

describe("a member signing up", () => {
	it("gets the identifier and a link by e-mail, chooses the password, signs in with the code and signs out", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		const page = await context.newPage();
		page.setDefaultTimeout(10_000);
		try {
			await page.goto(`${baseUrl}/inscription`);
			await expectAccessible(page);
			await page.getByRole("link", { name: "Créer mon compte adhérent" }).click();
			await page.waitForURL(`${baseUrl}/inscription?espace=adherent`);
			await expectAccessible(page);

			await page.getByRole("button", { name: "Créer mon compte" }).click();
			expect(await page.getByRole("alert").first().textContent()).toContain("informations sont à corriger");
			await expectAccessible(page);

			await page.getByLabel("Numéro d'adhérent").fill(member.number);
			// A date is typed as day, month and year (GOV.UK date input).
			const [year = "", month = "", day = ""] = member.birthDate.split("-");
			const birth = page.getByRole("group", { name: /Date de naissance/ });
			await birth.getByLabel("Jour").fill(String(Number(day)));
			await birth.getByLabel("Mois").fill(String(Number(month)));
			await birth.getByLabel("Année").fill(year);
			await page.getByLabel("Adresse e-mail").fill(member.email);
			await page.getByLabel("J'ai la capacité juridique de donner mon consentement.").check();
			await page.getByLabel("J'accepte les présentes CGU").check();
			await page.getByRole("button", { name: "Créer mon compte" }).click();
			await page.waitForURL(`${baseUrl}/inscription/confirmation`);
			expect(await page.locator("main").textContent()).toContain(
				"Si ces informations correspondent à nos fichiers, vous recevrez un e-mail",
			);
			await expectAccessible(page);

			const mail = await newestMail(baseUrl, member.email, "account-activation");
			const link = mail.links.find((url) => url.startsWith(`${baseUrl}/compte/activer?jeton=`));
			const identifier = /\b(1\d{9})\b/.exec(mail.text)?.[1];
			expect(link).toBeDefined();
			expect(identifier).toBeDefined();
			await page.goto(link ?? "");
			expect(await page.locator("main").textContent()).toContain(identifier);
			await expectAccessible(page);

			await page.getByLabel("Mot de passe", { exact: true }).fill("trois tortues dansent sous la pluie");
			await page.getByLabel("Confirmation du mot de passe").fill("trois tortues dansent sous la pluie");
			await page.getByRole("button", { name: "Activer mon compte" }).click();
			await page.waitForURL(`${baseUrl}/connexion?message=active`);
			expect(await page.getByText("Votre compte est activé.").count()).toBe(1);
			await expectAccessible(page);

			// Then the first sign-in: the new password, the code sent by e-mail, the space, signing out.
			await page.getByLabel("Identifiant").fill(identifier ?? "");
			await page.getByLabel("Mot de passe").fill("trois tortues dansent sous la pluie");
			await page.getByRole("button", { name: "Se connecter" }).click();
			await page.waitForURL(/\/connexion\/verification/);
			await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, member.email));
			await page.getByRole("button", { name: "Valider" }).click();
			await page.waitForURL(`${baseUrl}/adherent`);
			expect(await page.locator("h1").textContent()).toBe("Espace adhérent");
			await expectAccessible(page);
			await page.getByRole("button", { name: "Se déconnecter" }).first().click();
			await page.waitForURL(/\/connexion\?message=deconnecte/);
		} finally {
			await context.close();
		}
	});
});
