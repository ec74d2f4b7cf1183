// « Mon cabinet »'s bank account on a seeded database with the clock in the test's hand: the demo
// practice's account shown masked, a change asked with the password or an authenticator code again
// and checked IBAN/BIC, 48 hours of cooling-off with a cancel link e-mailed to the practice's
// address (used without signing in), at most 3 requests a day, another practice unable to see or
// cancel it, and the worker applying it once its 48 hours are over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	applyDuePracticeBankChanges,
	PRACTICE_CANCEL_PATH,
} from "../../../core/professionnel/bank-account.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { formatIban, frenchIban } from "../../../schema/identifiers.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { practiceTotp, signInDemoPractice } from "../../../tests/support/practice.ts";
import {
	createSeededTestApp,
	createTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const START = new Date("2026-11-26T09:00:00Z");
let now = START;
let handle: DatabaseHandle;
let app: App;
let practice: string;
let other: string;
let professionalId: number;
let otherProfessionalId: number;
const NEW_IBAN = frenchIban("30004", "00828", "00012345678");
const PAGE = "/professionnel/cabinet";
const PATH = "/professionnel/cabinet/compte-bancaire";
const publicUrl = new URL("http://localhost");

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

function change(fields: Record<string, string> = {}, cookie = practice) {
	return withCookie(
		cookie,
		formPost({
			iban: formatIban(NEW_IBAN),
			bic: "bnpafrpp",
			titulaire: "PHARMACIE DU CENTRE",
			motDePasse: DEMO_ACCOUNTS.professionnel1.password,
			code: "",
			...fields,
		}),
	);
}

async function html(path: string, cookie = practice) {
	const response = await app.request(path, withCookie(cookie));
	return { status: response.status, text: await response.text() };
}

const pendingOf = async (id: number) =>
	rows("SELECT id, status FROM practice_bank_changes WHERE professional_id = :p AND status = 'pending'", {
		p: id,
	});

beforeAll(async () => {
	const seeded = await createSeededTestApp({ scale: 1, now: START });
	handle = seeded.handle;
	app = createTestApp({
		db: handle.db,
		clock: () => now,
		pepper: "test-pepper-long-enough-for-the-config-check",
	});
	practice = await signInDemoPractice(app, "professionnel1", now);
	other = await signInDemoPractice(app, "professionnel2", now);
	professionalId = (await demoAccount(handle.db, "professionnel1")).professionalId ?? 0;
	otherProfessionalId = (await demoAccount(handle.db, "professionnel2")).professionalId ?? 0;
}, 120_000);
afterAll(() => handle?.client.close());

describe("the practice's bank account", () => {
	it("shows the demo practice's account by its last 4 characters only, and not to another practice", async () => {
		const [account] = await rows(
			"SELECT iban, iban_last4, bic FROM practice_bank_accounts WHERE professional_id = :p AND status = 'active'",
			{ p: professionalId },
		);
		expect(account).toBeDefined();
		const page = await html(PAGE);
		expect(page.status).toBe(200);
		expect(page.text).toContain(`se terminant par ${account?.iban_last4}`);
		expect(page.text).toContain(String(account?.bic));
		expect(page.text).not.toContain(String(account?.iban));
		expect(page.text).not.toContain(formatIban(String(account?.iban)));
		const [foreign] = await rows(
			"SELECT iban_last4 FROM practice_bank_accounts WHERE professional_id = :p AND status = 'active'",
			{ p: otherProfessionalId },
		);
		expect(foreign?.iban_last4).not.toBe(account?.iban_last4);
		expect((await html(PAGE, other)).text).not.toContain(`se terminant par ${account?.iban_last4}`);
	});

	it("refuses a wrong password or code, a bad IBAN or BIC, no proof at all, in French, and records nothing", async () => {
		const cases: [Record<string, string>, string][] = [
			[{ motDePasse: "pas-le-bon-mot-de-passe" }, "Le mot de passe ou le code n&#39;est pas le bon."],
			[{ motDePasse: "", code: "000000" }, "Le mot de passe ou le code n&#39;est pas le bon."],
			[{ motDePasse: "", code: "" }, "Saisissez votre mot de passe ou le code"],
			[{ iban: "FR76 3000 4008 2800 0123 4567 800" }, "L&#39;IBAN n&#39;est pas valide."],
			[{ bic: "BNPA" }, "Le BIC n&#39;est pas valide."],
			[{ titulaire: " " }, "Le titulaire du compte est obligatoire."],
		];
		for (const [fields, message] of cases) {
			const response = await app.request(PATH, change(fields));
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		const unknownField = await app.request(PATH, change({ admin: "1" }));
		expect(unknownField.status).toBe(400);
		expect((await rows("SELECT count(*) AS n FROM practice_bank_changes"))[0]?.n).toBe(0);
		const [failure] = await rows(
			"SELECT outcome, account_id FROM audit_events WHERE action = 'professionnel.bank_account.change_requested' ORDER BY seq DESC LIMIT 1",
		);
		expect(failure?.outcome).toBe("failure");
	});

	it("records a change for 48 hours and e-mails a cancel link to the practice's address, never the whole IBAN", async () => {
		const response = await app.request(PATH, change());
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe(`${PAGE}?demande=1#compte-bancaire`);
		const page = await html(`${PAGE}?demande=1`);
		expect(page.text).toContain("Votre demande est enregistrée");
		expect(page.text).toContain(`IBAN se terminant par ${NEW_IBAN.slice(-4)}`);
		expect(page.text).toContain("28/11/2026");
		expect(page.text).not.toContain(NEW_IBAN);
		const [{ email } = { email: null }] = await rows("SELECT email FROM professionals WHERE id = :p", {
			p: professionalId,
		});
		const mails = await rows(
			"SELECT to_address, text_body FROM outgoing_mails WHERE template = 'bank-details-change-pending' ORDER BY id",
		);
		const recipients = mails.map((mail) => mail.to_address);
		expect(recipients).toContain(email ?? DEMO_ACCOUNTS.professionnel1.email);
		expect(recipients).toContain(DEMO_ACCOUNTS.professionnel1.email);
		for (const mail of mails) {
			expect(String(mail.text_body)).toContain(`${PRACTICE_CANCEL_PATH}?jeton=`);
			expect(String(mail.text_body)).not.toContain(NEW_IBAN);
		}
		const [entry] = await rows(
			"SELECT outcome, details FROM audit_events WHERE action = 'professionnel.bank_account.change_requested' ORDER BY seq DESC LIMIT 1",
		);
		expect(entry?.outcome).toBe("success");
		expect(String(entry?.details)).not.toContain(NEW_IBAN);
		expect((await app.request(PATH, change())).status).toBe(409);
	});

	it("keeps another practice out: it neither sees nor cancels the change", async () => {
		expect((await html(PAGE, other)).text).not.toContain("Changement en attente");
		const foreign = await app.request(`${PATH}/annulation`, withCookie(other, formPost({})));
		expect(foreign.status).toBe(303);
		expect(await pendingOf(professionalId)).toHaveLength(1);
		// A member is refused the space altogether; a visitor is sent to sign in.
		const member = await signInDemoMember(app, handle.db, "adherent1");
		expect((await app.request(PATH, change({}, member))).status).toBe(403);
		expect((await app.request(PATH, change({}, ""))).headers.get("Location")).toMatch(/^\/connexion/);
		expect(await pendingOf(professionalId)).toHaveLength(1);
	});

	it("cancels through the e-mailed link without signing in, once, and refuses a forged or an employer's link", async () => {
		const [mail] = await rows(
			"SELECT text_body FROM outgoing_mails WHERE template = 'bank-details-change-pending' ORDER BY id DESC LIMIT 1",
		);
		const token =
			new RegExp(`${PRACTICE_CANCEL_PATH}\\?jeton=([\\w.-]+)`).exec(String(mail?.text_body))?.[1] ?? "";
		const get = await app.request(`${PRACTICE_CANCEL_PATH}?jeton=${token}`);
		expect(get.status).toBe(200);
		expect(get.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect(await pendingOf(professionalId)).toHaveLength(1);
		const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
		expect((await app.request(`${PRACTICE_CANCEL_PATH}?jeton=${forged}`)).status).toBe(400);
		const post = (jeton: string) => app.request(PRACTICE_CANCEL_PATH, formPost({ jeton }));
		expect((await post(forged)).status).toBe(400);
		// A token signed for an employer's change of the same id cancels nothing here.
		const { signCancelToken } = await import("../../../core/employeur/bank-details.ts");
		const id = Number(token.split(".")[0]);
		expect((await post(signCancelToken(id, "test-pepper-long-enough-for-the-config-check"))).status).toBe(
			400,
		);
		const cancelled = await post(token);
		expect(cancelled.status).toBe(200);
		expect(await cancelled.text()).toContain("est annulé");
		expect((await post(token)).status).toBe(400);
		expect(await pendingOf(professionalId)).toHaveLength(0);
		const entries = await rows(
			"SELECT actor_kind, outcome FROM audit_events WHERE action = 'professionnel.bank_account.change_cancelled' ORDER BY seq",
		);
		expect(entries.map((entry) => [entry.actor_kind, entry.outcome])).toContainEqual([
			"anonymous",
			"success",
		]);
	});

	it("accepts an authenticator code instead of the password, once only", async () => {
		now = new Date(START.getTime() + 60_000);
		const code = practiceTotp(now);
		expect((await app.request(PATH, change({ motDePasse: "", code }))).status).toBe(303);
		await app.request(`${PATH}/annulation`, withCookie(practice, formPost({})));
		// The same code again is a replay.
		expect((await app.request(PATH, change({ motDePasse: "", code }))).status).toBe(400);
	});

	it("takes at most 3 requests a day", async () => {
		// Two so far today (one cancelled by link, one by the space): one more, then refused.
		expect((await app.request(PATH, change())).status).toBe(303);
		await app.request(`${PATH}/annulation`, withCookie(practice, formPost({})));
		const refused = await app.request(PATH, change());
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain("Trois changements ont déjà été demandés aujourd&#39;hui.");
		// The other practice's limit is its own.
		expect(
			(await app.request(PATH, change({ motDePasse: DEMO_ACCOUNTS.professionnel2.password }, other))).status,
		).toBe(303);
		await app.request(`${PATH}/annulation`, withCookie(other, formPost({})));
	});

	it("applies a change once its 48 hours are over, as the worker does, and only once", async () => {
		// A day later, signed in again (a practice's session lives 4 hours at most).
		now = new Date(START.getTime() + 25 * 3_600_000);
		practice = await signInDemoPractice(app, "professionnel1", now);
		expect((await app.request(PATH, change())).status).toBe(303);
		expect(
			await applyDuePracticeBankChanges(handle.db, {
				now: new Date(now.getTime() + 47 * 3_600_000),
				publicUrl,
			}),
		).toEqual({ applied: 0 });
		now = new Date(now.getTime() + 48 * 3_600_000);
		expect(await applyDuePracticeBankChanges(handle.db, { now, publicUrl })).toEqual({ applied: 1 });
		expect(await applyDuePracticeBankChanges(handle.db, { now, publicUrl })).toEqual({ applied: 0 });
		const accounts = await rows(
			"SELECT status, iban_last4 FROM practice_bank_accounts WHERE professional_id = :p ORDER BY id",
			{ p: professionalId },
		);
		expect(accounts.map((account) => account.status)).toEqual(["replaced", "active"]);
		expect(accounts[1]?.iban_last4).toBe(NEW_IBAN.slice(-4));
		const [confirmed] = await rows(
			"SELECT to_address FROM outgoing_mails WHERE template = 'bank-details-change-confirmed' ORDER BY id DESC LIMIT 1",
		);
		expect(confirmed?.to_address).toBeTruthy();
		const [applied] = await rows(
			"SELECT actor_kind FROM audit_events WHERE action = 'worker.practice_bank_account.change_applied'",
		);
		expect(applied?.actor_kind).toBe("system");
		practice = await signInDemoPractice(app, "professionnel1", now);
		expect((await html(PAGE)).text).toContain(`se terminant par ${NEW_IBAN.slice(-4)}`);
	});
});
