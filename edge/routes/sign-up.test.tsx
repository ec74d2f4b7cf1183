import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateIdentifier } from "../../core/account-identifier.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { verifyPassword } from "../../core/password.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { seedDatabase } from "../../demo/seed.ts";
import {
	accounts,
	auditEvents,
	cguAcceptances,
	companies,
	groupContracts,
	individualContracts,
	oneTimeTokens,
	outgoingMails,
	professionals,
} from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createTestDeps, type TestDeps } from "../../tests/support/test-deps.ts";
import { type App, createApp } from "../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
const PASSWORD = "girafe lumineuse sur le toit du marché";

let handle: DatabaseHandle;
let deps: TestDeps;
let app: App;
let now = NOW;

interface FreeMember {
	readonly id: number;
	readonly number: string;
	readonly birthDate: string;
	readonly email: string;
}
/** Members with an e-mail address, an open contract and no account: each test takes its own. */
let freeMembers: FreeMember[] = [];
function takeMember(): FreeMember {
	const member = freeMembers.shift();
	if (!member) throw new Error("no free member left in the seed");
	return member;
}

beforeAll(async () => {
	handle = await createTestDatabase();
	// Real randomness: the counter of createTestDeps repeats every 256 bytes, and so would tokens.
	deps = createTestDeps({ db: handle.db, clock: () => now, randomBytes: cryptoRandomBytes });
	await seedDatabase(handle.db, { scale: 1, seed: 42, pepper: deps.config.sessionPepper, now: NOW });
	app = createApp(deps);
	const rows = await handle.client.execute(`
		SELECT m.id, m.member_number AS number, p.birth_date AS birthDate, m.email FROM members m JOIN persons p ON p.id = m.person_id
		WHERE m.email IS NOT NULL AND p.deceased_on IS NULL
			AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
			AND EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = m.id AND c.end_date IS NULL)
		ORDER BY m.id`);
	freeMembers = rows.rows.map((row) => ({
		id: Number(row.id),
		number: String(row.number),
		birthDate: String(row.birthDate),
		email: String(row.email),
	}));
}, 60_000);

afterAll(() => {
	handle?.client.close();
	deps?.close();
});

let ip = 0;
/** Each request from its own address, so that the per-IP limit of one test does not leak into another. */
function request(path: string, init: { form?: Record<string, string>; ip?: string } = {}): Promise<Response> {
	const env = { client: { ip: init.ip ?? `10.0.${Math.floor(++ip / 250)}.${ip % 250}` } };
	const headers = { Origin: "http://localhost" };
	if (!init.form) return Promise.resolve(app.request(path, { headers }, env));
	return Promise.resolve(
		app.request(path, { method: "POST", headers, body: new URLSearchParams(init.form) }, env),
	);
}

const ACCEPTANCE = { version: "1.0", accepte: "oui" } as const;

function adherentForm(
	member: Pick<FreeMember, "number" | "birthDate" | "email">,
	extra: Record<string, string> = {},
) {
	return {
		numeroAdherent: member.number,
		dateNaissance: member.birthDate,
		email: member.email,
		capacite: "own_capacity",
		...ACCEPTANCE,
		...extra,
	};
}

async function mailsTo(address: string) {
	return handle.db
		.select()
		.from(outgoingMails)
		.where(eq(outgoingMails.toAddress, address))
		.orderBy(asc(outgoingMails.id));
}

function activationToken(text: string): string {
	const match = /http:\/\/localhost\/compte\/activer\?jeton=([a-z2-7]{32})/.exec(text);
	if (!match?.[1]) throw new Error(`no activation link in:\n${text}`);
	return match[1];
}

/** What the holder of an existing adhérent account would type. */
async function ownerOf(identifier: string): Promise<FreeMember> {
	const rows = await handle.client.execute({
		sql: "SELECT m.id, m.member_number AS number, p.birth_date AS birthDate, m.email FROM accounts a JOIN members m ON m.id = a.member_id JOIN persons p ON p.id = m.person_id WHERE a.identifier = ?",
		args: [identifier],
	});
	const row = rows.rows[0];
	if (!row) throw new Error(`no account ${identifier}`);
	return {
		id: Number(row.id),
		number: String(row.number),
		birthDate: String(row.birthDate),
		email: String(row.email),
	};
}

async function accountCount(): Promise<number> {
	const [row] = await handle.db.select({ n: sql<number>`count(*)` }).from(accounts);
	return row?.n ?? 0;
}

async function signUpEvent(response: Response) {
	const id = response.headers.get("X-Request-Id") ?? "";
	const [event] = await handle.db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.correlationId, id), eq(auditEvents.action, "auth.sign_up")));
	return event;
}

/** Signs up, reads the activation mail, chooses the password: the whole journey of one person. */
async function signUpAndActivate(espace: string, form: Record<string, string>, email: string) {
	const response = await request(`/inscription?espace=${espace}`, { form });
	expect(response.status).toBe(303);
	expect(response.headers.get("Location")).toBe("/inscription/confirmation");
	const [mail] = await mailsTo(email);
	expect(mail?.template).toBe("account-activation");
	const token = activationToken(mail?.textBody ?? "");
	const identifier = /\b(\d{10})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
	const [account] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	expect(account).toMatchObject({ state: "pending", email, passwordHash: null, space: espace });

	const page = await request(`/compte/activer?jeton=${token}`);
	expect(page.status).toBe(200);
	expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
	expect(await page.text()).toContain(identifier);

	const activated = await request("/compte/activer", {
		form: { jeton: token, password: PASSWORD, confirmation: PASSWORD },
	});
	expect(activated.status).toBe(303);
	expect(activated.headers.get("Location")).toBe("/connexion?message=active");
	const [after] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	expect(after).toMatchObject({ state: "active", activatedAt: now, emailVerifiedAt: now });
	expect(await verifyPassword(after?.passwordHash ?? "", PASSWORD, deps.config.sessionPepper)).toBe(true);
	return { account: after as NonNullable<typeof after>, mail: mail as NonNullable<typeof mail>, token };
}

describe("the sign-up page", () => {
	// CGU art. 1
	it("lets the visitor choose their space", async () => {
		const response = await request("/inscription");
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const space of ["adherent", "employeur", "professionnel"])
			expect(html).toContain(`href="/inscription?espace=${space}"`);
	});

	it("answers an unknown space with 400 and the choice of spaces", async () => {
		const response = await request("/inscription?espace=gestionnaire");
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("L&#39;espace demandé n&#39;existe pas");
	});

	it.each([
		// A date is typed as day, month and year (views/form.tsx DateField).
		[
			"adherent",
			["numeroAdherent", "dateNaissance-jour", "dateNaissance-mois", "dateNaissance-annee", "email"],
		],
		["employeur", ["siret", "numeroContrat", "email"]],
		["professionnel", ["numeroConvention", "numeroProfessionnel", "email"]],
	])(
		"shows the %s form with its fields, the CGU in force, the capacity statement and the box",
		async (space, fields) => {
			const response = await request(`/inscription?espace=${space}`);
			expect(response.status).toBe(200);
			const html = await response.text();
			for (const field of fields) expect(html).toContain(`name="${field}"`);
			expect(html).toContain('href="/cgu"');
			expect(html).toContain("Version 1.0");
			expect(html).toContain("Version initiale");
			expect(html).toContain('name="capacite"');
			expect(html).toContain("J&#39;accepte les présentes CGU");
			expect(html).not.toContain("<script");
		},
	);
});

describe("signing up", () => {
	// CGU art. 2
	it("creates a pending adhérent account, mails the identifier and a link, and lets the person choose the password", async () => {
		const member = takeMember();
		const [top] = await handle.db
			.select({ max: sql<string>`max(${accounts.identifier})` })
			.from(accounts)
			.where(sql`${accounts.identifier} LIKE '1%'`);
		const { account, mail } = await signUpAndActivate("adherent", adherentForm(member), member.email);
		expect(account.identifier).toBe(String(Number(top?.max) + 1));
		expect(account.memberId).toBe(member.id);
		expect(account.accessUntil).toBeNull();
		expect(mail.textBody).toContain("24 heures");
		const signIn = await request("/connexion?message=active");
		expect(await signIn.text()).toContain("Votre compte est activé");
	});

	// CGU art. 2
	it("records the acceptance of the CGU with its version, the capacity and the time", async () => {
		const member = takeMember();
		await request("/inscription?espace=adherent", {
			form: adherentForm(member, { capacite: "parental_authority" }),
		});
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id));
		const acceptances = await handle.db
			.select()
			.from(cguAcceptances)
			.where(eq(cguAcceptances.accountId, account?.id ?? 0));
		expect(acceptances).toEqual([
			expect.objectContaining({ version: "1.0", capacity: "parental_authority", acceptedAt: NOW }),
		]);
	});

	it("creates an employer account from the SIRET, the group contract and the contact address", async () => {
		const [company] = await handle.db
			.insert(companies)
			.values({
				siren: "732829320",
				siret: "73282932000074",
				name: "Menuiserie Arnaud",
				addressLine1: "3 rue des Tilleuls",
				postalCode: "69003",
				city: "Lyon",
				email: "rh@menuiserie-arnaud.test",
				createdAt: NOW,
				updatedAt: NOW,
			})
			.returning();
		await handle.db.insert(groupContracts).values({
			number: "GC90000001",
			companyId: company?.id ?? 0,
			startDate: "2026-01-01",
			contributionPeriodicity: "monthly",
			createdAt: NOW,
			updatedAt: NOW,
		});
		const form = {
			siret: "732 829 320 00074",
			numeroContrat: "gc90000001",
			email: "RH@menuiserie-arnaud.test",
			capacite: "legal_representative",
			...ACCEPTANCE,
		};
		const { account } = await signUpAndActivate("employeur", form, "rh@menuiserie-arnaud.test");
		expect(account.identifier).toMatch(/^2\d{9}$/);
		expect(account.companyId).toBe(company?.id);
	});

	it("creates a health professional's account from the convention and the RPPS", async () => {
		const [pro] = await handle.db
			.select()
			.from(professionals)
			.where(
				sql`rpps IS NOT NULL AND convention_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.professional_id = ${professionals.id})`,
			)
			.limit(1);
		if (!pro?.rpps || !pro.conventionNumber || !pro.email)
			throw new Error("no free professional in the seed");
		const form = {
			numeroConvention: pro.conventionNumber,
			numeroProfessionnel: pro.rpps,
			email: pro.email,
			capacite: "own_capacity",
			...ACCEPTANCE,
		};
		const { account } = await signUpAndActivate("professionnel", form, pro.email);
		expect(account.identifier).toMatch(/^3\d{9}$/);
		expect(account.professionalId).toBe(pro.id);
	});

	it("creates an establishment's account from the convention and the FINESS", async () => {
		const [pro] = await handle.db
			.select()
			.from(professionals)
			.where(
				sql`finess IS NOT NULL AND convention_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.professional_id = ${professionals.id})`,
			)
			.limit(1);
		if (!pro?.finess || !pro.conventionNumber || !pro.email)
			throw new Error("no free establishment in the seed");
		const form = {
			numeroConvention: pro.conventionNumber,
			numeroProfessionnel: pro.finess,
			email: pro.email,
			capacite: "legal_representative",
			...ACCEPTANCE,
		};
		const response = await request("/inscription?espace=professionnel", { form });
		expect(response.status).toBe(303);
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.professionalId, pro.id));
		expect(account?.state).toBe("pending");
		expect(await mailsTo(pro.email)).toHaveLength(1);
	});

	it("audits the attempt with the account it created", async () => {
		const member = takeMember();
		const response = await request("/inscription?espace=adherent", { form: adherentForm(member) });
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id));
		expect(await signUpEvent(response)).toMatchObject({
			outcome: "success",
			objectType: "account",
			objectId: String(account?.id),
			details: { space: "adherent", result: "created" },
		});
	});
});

describe("the answer to a sign-up", () => {
	it("is the same, byte for byte, whether the records match, do not match or already have an account", async () => {
		const member = takeMember();
		const forms = [
			adherentForm(member),
			adherentForm({ ...member, birthDate: "1901-01-01" }),
			adherentForm({ ...member, number: "999999999", email: "personne@exemple.fr" }),
			adherentForm(await ownerOf("1000000001")),
		];
		const answers: Response[] = [];
		for (const form of forms) answers.push(await request("/inscription?espace=adherent", { form }));
		const seen = await Promise.all(
			answers.map(async (r) => ({
				status: r.status,
				location: r.headers.get("Location"),
				body: await r.text(),
				cookie: r.headers.get("Set-Cookie"),
			})),
		);
		expect(new Set(seen.map((answer) => JSON.stringify(answer))).size).toBe(1);
		expect(seen[0]).toEqual({ status: 303, location: "/inscription/confirmation", body: "", cookie: null });
		const page = await request("/inscription/confirmation");
		expect(await page.text()).toContain(
			"Si ces informations correspondent à nos fichiers, vous recevrez un e-mail",
		);
	});

	it("tells nothing and creates nothing when the e-mail address is not the one on the records", async () => {
		const member = takeMember();
		const before = await accountCount();
		const response = await request("/inscription?espace=adherent", {
			form: adherentForm({ ...member, email: "autre.adresse@exemple.fr" }),
		});
		expect(response.status).toBe(303);
		expect(await accountCount()).toBe(before);
		expect(await mailsTo("autre.adresse@exemple.fr")).toEqual([]);
		expect(await signUpEvent(response)).toMatchObject({
			outcome: "failure",
			objectId: null,
			details: { space: "adherent", result: "no_match" },
		});
	});
});

describe("invalid input", () => {
	it("answers 400 with a French message by each empty field and creates nothing", async () => {
		const before = await accountCount();
		const response = await request("/inscription?espace=adherent", {
			form: { numeroAdherent: "", dateNaissance: "", email: "", version: "1.0" },
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('id="champ-numeroAdherent-erreur">Le numéro d&#39;adhérent est obligatoire.');
		expect(html).toContain('id="champ-dateNaissance-erreur">La date de naissance est obligatoire.');
		expect(html).toContain('id="champ-email-erreur">L&#39;adresse e-mail est obligatoire.');
		expect(html).toContain('id="champ-capacite-erreur">Indiquez à quel titre vous acceptez les conditions.');
		expect(html).toContain(
			'id="champ-accepte-erreur">Cochez la case « J&#39;accepte les présentes CGU » pour créer votre compte.',
		);
		expect(await accountCount()).toBe(before);
	});

	it("says which field is wrong and keeps the other values", async () => {
		const form = {
			siret: "12345678901234",
			numeroContrat: "GC00000003",
			email: "rh.3@entreprises.espace.test",
			capacite: "legal_representative",
			...ACCEPTANCE,
		};
		const response = await request("/inscription?espace=employeur", { form });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('id="champ-siret-erreur">Le numéro SIRET n&#39;est pas valide.');
		expect(html).toContain('value="GC00000003"');
		expect(html).toContain('value="rh.3@entreprises.espace.test"');
		expect(html).toMatch(/value="legal_representative" checked/);
	});

	it.each([
		[
			"a birth date that does not exist",
			{ dateNaissance: "31/02/1980" },
			"dateNaissance",
			"La date de naissance n&#39;est pas valide",
		],
		["a malformed address", { email: "jean.dupont@" }, "email", "L&#39;adresse e-mail n&#39;est pas valide"],
		[
			"letters in the member number",
			{ numeroAdherent: "40A" },
			"numeroAdherent",
			"Le numéro d&#39;adhérent ne contient que des chiffres.",
		],
		[
			"a capacity that is not the adhérent's",
			{ capacite: "legal_representative" },
			"capacite",
			"Indiquez à quel titre",
		],
	])("refuses %s", async (_, change, field, message) => {
		const response = await request("/inscription?espace=adherent", {
			form: adherentForm({ number: "400000001", birthDate: "1980-01-01", email: "x@exemple.fr" }, change),
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(`id="champ-${field}-erreur">${message}`);
	});

	it("requires the CGU box and the capacity statement", async () => {
		const member = takeMember();
		const { accepte: _accepte, capacite: _capacite, ...rest } = adherentForm(member);
		const response = await request("/inscription?espace=adherent", { form: rest });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain("Cochez la case « J&#39;accepte les présentes CGU »");
		expect(html).toContain("Indiquez à quel titre vous acceptez les conditions.");
		expect(html).toContain(`value="${member.number}"`);
		expect(await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id))).toEqual([]);
	});

	it("refuses an acceptance of a version that is no longer in force", async () => {
		const member = takeMember();
		const response = await request("/inscription?espace=adherent", {
			form: adherentForm(member, { version: "0.9" }),
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			"Une nouvelle version des conditions générales d&#39;utilisation est entrée en vigueur",
		);
		expect(await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id))).toEqual([]);
	});

	it("refuses unexpected fields", async () => {
		const member = takeMember();
		const response = await request("/inscription?espace=adherent", {
			form: adherentForm(member, { state: "active" }),
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("Le formulaire contient des champs inattendus.");
	});
});

describe("an existing account", () => {
	it("is not duplicated, gets no activation link, and its owner is told at the address on record", async () => {
		const before = await accountCount();
		const [existing] = await handle.db.select().from(accounts).where(eq(accounts.identifier, "1000000001"));
		const owner = await ownerOf("1000000001");
		const accountAddress = existing?.email ?? "";
		const mailsBefore = (await mailsTo(accountAddress)).length;
		const response = await request("/inscription?espace=adherent", { form: adherentForm(owner) });
		expect(response.status).toBe(303);
		expect(await accountCount()).toBe(before);
		// One notice per account and hour, however many attempts: earlier tests may have sent it.
		const mails = await mailsTo(accountAddress);
		expect(mails.length - mailsBefore).toBeLessThanOrEqual(1);
		expect(mails.filter((mail) => mail.template === "sign-up-existing-account")).toHaveLength(1);
		expect(mails.slice(mailsBefore).map((mail) => mail.template)).not.toContain("account-activation");
		expect(await signUpEvent(response)).toMatchObject({
			outcome: "failure",
			objectType: "account",
			objectId: String(existing?.id),
			details: { result: "exists" },
		});
	});

	it("still waiting for its activation gets a new link, and the old one stops working", async () => {
		const member = takeMember();
		await request("/inscription?espace=adherent", { form: adherentForm(member) });
		await request("/inscription?espace=adherent", { form: adherentForm(member) });
		const mails = await mailsTo(member.email);
		expect(mails).toHaveLength(2);
		const [first, second] = mails.map((mail) => activationToken(mail.textBody));
		expect(await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id))).toHaveLength(1);
		expect((await request(`/compte/activer?jeton=${first}`)).status).toBe(410);
		expect((await request(`/compte/activer?jeton=${second}`)).status).toBe(200);
	});
});

describe("records whose access period is over", () => {
	it("get no account when the contract ended more than two years ago", async () => {
		const member = takeMember();
		await handle.db
			.update(individualContracts)
			.set({ endDate: "2024-06-30" })
			.where(eq(individualContracts.memberId, member.id));
		const response = await request("/inscription?espace=adherent", { form: adherentForm(member) });
		expect(response.status).toBe(303);
		expect(await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id))).toEqual([]);
		expect(await mailsTo(member.email)).toEqual([]);
		expect(await signUpEvent(response)).toMatchObject({
			outcome: "failure",
			details: { result: "access_ended" },
		});
	});

	it("get an account until two years after the end when it ended more recently", async () => {
		const member = takeMember();
		await handle.db
			.update(individualContracts)
			.set({ endDate: "2025-06-30" })
			.where(eq(individualContracts.memberId, member.id));
		await request("/inscription?espace=adherent", { form: adherentForm(member) });
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id));
		expect(account?.accessUntil).toBe("2027-06-30");
	});

	it("get no account when the tiers-payant agreement ended more than two years ago", async () => {
		const [pro] = await handle.db
			.select()
			.from(professionals)
			.where(
				sql`rpps IS NOT NULL AND convention_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.professional_id = ${professionals.id})`,
			)
			.limit(1);
		await handle.db
			.update(professionals)
			.set({ conventionEndedOn: "2023-03-31" })
			.where(eq(professionals.id, pro?.id ?? 0));
		const form = {
			numeroConvention: pro?.conventionNumber ?? "",
			numeroProfessionnel: pro?.rpps ?? "",
			email: pro?.email ?? "",
			capacite: "own_capacity",
			...ACCEPTANCE,
		};
		const response = await request("/inscription?espace=professionnel", { form });
		expect(response.status).toBe(303);
		expect(
			await handle.db
				.select()
				.from(accounts)
				.where(eq(accounts.professionalId, pro?.id ?? 0)),
		).toEqual([]);
	});
});

describe("the rate limit", () => {
	it("sends at most 3 sign-up e-mails an hour to one address, with the same answer afterwards", async () => {
		const member = takeMember();
		const answers: number[] = [];
		for (let i = 0; i < 5; i++)
			answers.push((await request("/inscription?espace=adherent", { form: adherentForm(member) })).status);
		expect(answers).toEqual([303, 303, 303, 303, 303]);
		expect(await mailsTo(member.email)).toHaveLength(3);
	});

	// CGU art. 6
	it("stops the sign-ups of one IP address after 20 an hour", async () => {
		const member = takeMember();
		const address = "198.51.100.7";
		for (let i = 0; i < 20; i++) {
			await request("/inscription?espace=adherent", {
				form: adherentForm({
					number: String(900_000_000 + i),
					birthDate: "1980-01-01",
					email: `x${i}@exemple.fr`,
				}),
				ip: address,
			});
		}
		const response = await request("/inscription?espace=adherent", {
			form: adherentForm(member),
			ip: address,
		});
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/inscription/confirmation");
		expect(await mailsTo(member.email)).toEqual([]);
		expect(await signUpEvent(response)).toMatchObject({
			outcome: "denied",
			details: { result: "rate_limited" },
		});
	});
});

describe("the activation link", () => {
	async function pendingLink() {
		const member = takeMember();
		await request("/inscription?espace=adherent", { form: adherentForm(member) });
		const [mail] = await mailsTo(member.email);
		return { member, token: activationToken(mail?.textBody ?? "") };
	}

	it("refuses a weak password with the reason next to the field, and stays usable", async () => {
		const { member, token } = await pendingLink();
		const response = await request("/compte/activer", {
			form: { jeton: token, password: "motdepasse123", confirmation: "motdepasse123" },
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/id="champ-password-erreur">[^<]+/);
		expect(html).not.toContain("motdepasse123");
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id));
		expect(account?.state).toBe("pending");
		expect((await request(`/compte/activer?jeton=${token}`)).status).toBe(200);
	});

	it("refuses a password built from the person's name", async () => {
		const { member, token } = await pendingLink();
		const local = member.email.split("@")[0]?.split(".") ?? [];
		const weak = `${local[0]}${local[1]}2026!`;
		const response = await request("/compte/activer", {
			form: { jeton: token, password: weak, confirmation: weak },
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('id="champ-password-erreur"');
	});

	it("refuses two different passwords", async () => {
		const { token } = await pendingLink();
		const response = await request("/compte/activer", {
			form: { jeton: token, password: PASSWORD, confirmation: `${PASSWORD}!` },
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			'id="champ-confirmation-erreur">Les deux mots de passe saisis ne sont pas identiques.',
		);
	});

	it("serves once only", async () => {
		const { token } = await pendingLink();
		const form = { jeton: token, password: PASSWORD, confirmation: PASSWORD };
		expect((await request("/compte/activer", { form })).status).toBe(303);
		const again = await request("/compte/activer", { form });
		expect(again.status).toBe(410);
		const html = await again.text();
		expect(html).toContain("Ce lien d&#39;activation a déjà servi");
		expect(html).toContain('href="/inscription"');
		expect((await request(`/compte/activer?jeton=${token}`)).status).toBe(410);
	});

	it("expires after 24 hours", async () => {
		const { member, token } = await pendingLink();
		try {
			now = new Date(NOW.getTime() + 24 * 3600_000 + 1);
			const response = await request(`/compte/activer?jeton=${token}`);
			expect(response.status).toBe(410);
			expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
			expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
			expect(await response.text()).toContain("Ce lien d&#39;activation a expiré");
			const post = await request("/compte/activer", {
				form: { jeton: token, password: PASSWORD, confirmation: PASSWORD },
			});
			expect(post.status).toBe(410);
			const [account] = await handle.db.select().from(accounts).where(eq(accounts.memberId, member.id));
			expect(account?.state).toBe("pending");
		} finally {
			now = NOW;
		}
	});

	it("answers an unknown or malformed link with 400 and a way to sign up again", async () => {
		for (const path of [
			"/compte/activer?jeton=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"/compte/activer?jeton=<script>",
			"/compte/activer",
		]) {
			const response = await request(path);
			expect(response.status, path).toBe(400);
			const html = await response.text();
			expect(html).toContain("Ce lien d&#39;activation n&#39;est pas valable.");
			expect(html).toContain('href="/inscription"');
		}
	});

	it("is stored hashed, never in clear", async () => {
		const { token } = await pendingLink();
		const rows = await handle.db
			.select({ hash: oneTimeTokens.tokenHash })
			.from(oneTimeTokens)
			.where(eq(oneTimeTokens.purpose, "activation"));
		expect(rows.some((row) => row.hash === token)).toBe(false);
		expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
	});
});

describe("identifiers", () => {
	// Last in the file: afterwards the adhérent range is full at its top, as after years of use.
	it("take the lowest free one once the top of the space's range is used", async () => {
		const member = takeMember();
		await handle.db.insert(accounts).values({
			identifier: "1999999999",
			space: "adherent",
			memberId: member.id,
			email: member.email,
			state: "closed",
			createdAt: NOW,
			updatedAt: NOW,
		});
		const taken = await handle.db
			.select({ identifier: accounts.identifier })
			.from(accounts)
			.where(sql`${accounts.identifier} LIKE '100000000%'`);
		expect(taken.map((row) => row.identifier).sort()).toEqual(["1000000001", "1000000002"]);
		expect(await allocateIdentifier(handle.db, "adherent")).toBe("1000000003");
		expect(await allocateIdentifier(handle.db, "employeur")).toMatch(/^2\d{9}$/);
	});
});
