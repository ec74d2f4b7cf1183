// The Worker as the README deploys it, run in workerd: `npm run build:cloudflare`, then the
// bundle of a plain `wrangler deploy --dry-run` (no --config: whatever `wrangler deploy` would
// read), served by `wrangler dev --no-bundle` in local mode with the production configuration.
// Its database is the Hrana test double of Turso on a file seeded with the demo population (ADR
// 0012); its e-mail goes to the local Resend stand-in through the outbox, the JOBS queue and the
// queue consumer. A member signs up, activates the account from the e-mail, signs in with the
// e-mailed code, reads the dashboard and a PDF, a cron trigger runs, and the member signs out; a
// practice's software checks rights concurrently through the API.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { sampleMailData } from "../../core/mail/templates/samples.ts";
import { createApiKey } from "../../core/professionnel/api-keys.ts";
import { queueMail } from "../../core/send-mail.ts";
import { createDatabase, type Database } from "../../db/client.ts";
import { createWebDatabase } from "../../db/client-web.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { jobs, outgoingMails, taskRuns } from "../../schema/tables/index.ts";
import { demoAccount } from "../support/demo.ts";
import { freePort } from "../support/free-port.ts";
import { type HranaServer, startHranaServer } from "../support/hrana-server.ts";
import { type StandIn, startResendStandIn } from "../support/resend-stand-in.ts";
import { waitFor } from "../support/wait-for.ts";
import { runCommand, startWranglerDev, type WranglerDev } from "../support/wrangler.ts";

const PUBLIC_URL = "https://espace.example.org";
const DB_TOKEN = randomBytes(24).toString("base64url");
const PEPPER = randomBytes(32).toString("base64url");
const PASSWORD = "trois tortues dansent sous la pluie";

let dir: string;
let bundle: { file: string; bytes: number; output: string };
let hrana: HranaServer | undefined;
let resend: StandIn | undefined;
let worker: WranglerDev | undefined;
let db: Database;
let closeDb: (() => void) | undefined;

/** The README's two commands, the dry run standing in for the upload. */
async function buildAsDeployed(logDir: string): Promise<typeof bundle> {
	const build = await runCommand("npm", ["run", "build:cloudflare"], logDir, 180_000);
	if (build.code !== 0) throw new Error(`npm run build:cloudflare failed:\n${build.output}`);
	const outdir = join(dir, "upload");
	const dryRun = await runCommand("wrangler", ["deploy", "--dry-run", "--outdir", outdir], logDir, 180_000);
	if (dryRun.code !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${dryRun.output}`);
	const modules = (await readdir(outdir)).filter((name) => name.endsWith(".js"));
	if (modules.length !== 1) throw new Error(`expected one module in the upload, found ${modules.join(", ")}`);
	const file = join(outdir, modules[0] ?? "");
	return { file, bytes: (await stat(file)).size, output: dryRun.output };
}

async function seedDatabaseFile(path: string): Promise<void> {
	const handle = createDatabase({ url: `file:${path}` });
	try {
		await handle.ready;
		await migrateDatabase(handle.db);
		// At today's date: the Worker's clock is the real one.
		await seedDatabase(handle.db, {
			scale: 1,
			seed: 42,
			pepper: PEPPER,
			now: new Date(),
		});
	} finally {
		handle.client.close();
	}
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-workerd-"));
	const logDir = join(dir, "logs");
	const dbPath = join(dir, "espace.db");
	// Both to their end, even when one fails: no build left running after the suite.
	const [built, seeded] = await Promise.allSettled([buildAsDeployed(logDir), seedDatabaseFile(dbPath)]);
	if (built.status === "rejected") throw built.reason;
	if (seeded.status === "rejected") throw seeded.reason;
	bundle = built.value;
	hrana = await startHranaServer({ path: dbPath, authToken: DB_TOKEN });
	resend = await startResendStandIn();
	const web = createWebDatabase({ url: hrana.url, authToken: DB_TOKEN });
	db = web.db;
	closeDb = () => web.client.close();
	const envFile = join(dir, "worker.env");
	await writeFile(
		envFile,
		[
			`DATABASE_URL=${hrana.url}`,
			`DATABASE_AUTH_TOKEN=${DB_TOKEN}`,
			`SESSION_PEPPER=${PEPPER}`,
			"RESEND_API_KEY=re_local_stand_in",
			`RESEND_BASE_URL=${resend.baseUrl}`,
			`PUBLIC_URL=${PUBLIC_URL}`,
			"LOG_LEVEL=warn",
			"",
		].join("\n"),
	);
	worker = await startWranglerDev({
		script: bundle.file,
		port: await freePort(),
		inspectorPort: await freePort(),
		persistTo: join(dir, "state"),
		envFile,
		logDir,
	});
});

afterAll(async () => {
	await worker?.stop();
	closeDb?.();
	await hrana?.close();
	await resend?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** A client without JavaScript: cookies kept by hand, redirects looked at, never followed. */
class Visitor {
	private readonly cookies = new Map<string, string>();

	async request(
		path: string,
		init: { method?: string; form?: Record<string, string> } = {},
	): Promise<Response> {
		const headers = new Headers();
		if (this.cookies.size > 0)
			headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
		let body: string | undefined;
		if (init.form) {
			headers.set("content-type", "application/x-www-form-urlencoded");
			headers.set("origin", worker?.url ?? "");
			body = new URLSearchParams(init.form).toString();
		}
		const response = await fetch(`${worker?.url}${path}`, {
			method: init.method ?? (init.form ? "POST" : "GET"),
			headers,
			body,
			redirect: "manual",
		});
		for (const cookie of response.headers.getSetCookie()) {
			const [pair = ""] = cookie.split(";");
			const [name = "", value = ""] = pair.split("=");
			if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return response;
	}
}

function describeWorker(): string {
	return `\n--- wrangler dev output ---\n${worker?.output() ?? ""}`;
}

/**
 * Waits for a mail newer than outbox row `after` to reach the Resend stand-in, and returns its
 * text as Resend received it (the outbox keeps no body once a mail is sent).
 */
async function deliveredMail(to: string, template: string, after: number): Promise<string> {
	let text: string | undefined;
	await waitFor(
		async () => {
			const [mail] = await db
				.select({ id: outgoingMails.id, subject: outgoingMails.subject, key: outgoingMails.idempotencyKey })
				.from(outgoingMails)
				.where(and(eq(outgoingMails.toAddress, to), eq(outgoingMails.template, template)))
				.orderBy(desc(outgoingMails.id))
				.limit(1);
			if (!mail || mail.id <= after) return false;
			const sent = resend?.sent.get(mail.key);
			text = sent?.to === to && sent.subject === mail.subject ? sent.text : undefined;
			return text !== undefined;
		},
		30_000,
		`the ${template} mail to ${to} through the queue to the Resend stand-in`,
	);
	return text ?? "";
}

async function lastMailId(): Promise<number> {
	const [row] = await db
		.select({ id: outgoingMails.id })
		.from(outgoingMails)
		.orderBy(desc(outgoingMails.id))
		.limit(1);
	return row?.id ?? 0;
}

describe("the deploy as documented", () => {
	it("uploads our Worker (hosts/cloudflare.ts), not the adapter's empty one", async () => {
		expect(bundle.output).not.toMatch(/no-op-worker/);
		expect(bundle.output).toMatch(/env\.ASSETS\s/);
		expect(bundle.output).toMatch(/env\.JOBS \(espace-jobs\)/);
		expect(bundle.output).not.toMatch(/env\.SESSION\b/);
		expect(bundle.bytes).toBeGreaterThan(500_000);
		const code = await readFile(bundle.file, "utf8");
		expect(code).toContain("espace-jobs-dead");
	});
});

describe("the Worker in workerd", () => {
	it("serves a public page from the assets binding with its security headers", async () => {
		const response = await fetch(`${worker?.url}/cgu`);
		expect(response.status, describeWorker()).toBe(200);
		expect(response.headers.get("content-type")).toContain("text/html");
		expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
		expect(await response.text()).toContain("Conditions générales d'utilisation");
		expect((await fetch(`${worker?.url}/readyz`)).status, describeWorker()).toBe(200);
	});

	it("passes the README's smoke check (npm run smoke)", async () => {
		const smoke = await runCommand("npm", ["run", "--silent", "smoke", "--", worker?.url ?? ""], dir, 60_000);
		expect(smoke.output, describeWorker()).toContain("Smoke check passed.");
		expect(smoke.code).toBe(0);
	});

	it("signs a new member up, activates the account, signs in with the e-mailed code, shows the dashboard and a PDF, signs out", async () => {
		const member = await memberWithoutAccount();
		const visitor = new Visitor();
		const form = await visitor.request("/inscription?espace=adherent");
		expect(form.status, describeWorker()).toBe(200);
		const version = /name="version" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
		let before = await lastMailId();
		const signUp = await visitor.request("/inscription?espace=adherent", {
			form: {
				numeroAdherent: member.number,
				dateNaissance: member.birthDate,
				email: member.email,
				capacite: "own_capacity",
				version,
				accepte: "oui",
			},
		});
		expect(signUp.status, describeWorker()).toBe(303);
		expect(signUp.headers.get("location")).toBe("/inscription/confirmation");

		const activation = await deliveredMail(member.email, "account-activation", before);
		const link = new RegExp(`${PUBLIC_URL}(/compte/activer\\?jeton=[a-z2-7]+)`).exec(activation)?.[1];
		const identifier = /\b(1\d{9})\b/.exec(activation)?.[1] ?? "";
		expect(link, activation).toBeDefined();
		const page = await visitor.request(link ?? "");
		expect(page.status, describeWorker()).toBe(200);
		expect(await page.text()).toContain(identifier);
		const activated = await visitor.request("/compte/activer", {
			form: { jeton: link?.split("=")[1] ?? "", password: PASSWORD, confirmation: PASSWORD },
		});
		expect(activated.status, describeWorker()).toBe(303);
		expect(activated.headers.get("location")).toBe("/connexion?message=active");

		before = await lastMailId();
		const signIn = await visitor.request("/connexion", {
			form: { identifiant: identifier, motDePasse: PASSWORD },
		});
		expect(signIn.status, describeWorker()).toBe(303);
		expect(signIn.headers.get("location")).toMatch(/^\/connexion\/verification/);
		const code = /\b(\d{6})\b/.exec(await deliveredMail(member.email, "sign-in-code", before))?.[1] ?? "";
		const verified = await visitor.request("/connexion/verification", { form: { code } });
		expect(verified.status, describeWorker()).toBe(303);
		expect(verified.headers.get("location")).toBe("/adherent");

		const dashboard = await visitor.request("/adherent");
		expect(dashboard.status, describeWorker()).toBe(200);
		expect(await dashboard.text()).toContain("Espace adhérent");

		const pdf = await visitor.request("/adherent/carte.pdf");
		expect(pdf.status, describeWorker()).toBe(200);
		expect(pdf.headers.get("content-type")).toBe("application/pdf");
		const bytes = Buffer.from(await pdf.arrayBuffer());
		expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
		expect(bytes.subarray(-16).toString("latin1")).toContain("%%EOF");
		expect(bytes.length).toBeGreaterThan(1000);

		// Every mail went through the queue: its job was consumed and is done.
		const mailJobs = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.type, "mail.queued"));
		expect(mailJobs.map((job) => job.status)).toEqual(mailJobs.map(() => "done"));

		const signOut = await visitor.request("/deconnexion", { form: {} });
		expect(signOut.status, describeWorker()).toBe(303);
		expect(signOut.headers.get("location")).toBe("/connexion?message=deconnecte");
		expect((await visitor.request("/adherent")).status).toBe(303);
	});

	it("runs a cron trigger, then relays the outbox rows that another process left behind", async () => {
		// A staff script (or a relay that failed after a commit) leaves a mail in the outbox.
		const to = "operateur@espace.example.org";
		await db.transaction((tx) =>
			queueMail(tx, {
				template: "payment-notice",
				data: sampleMailData["payment-notice"],
				to,
				idempotencyKey: `workerd-test/${randomBytes(6).toString("hex")}`,
				now: new Date(),
				publicUrl: new URL(PUBLIC_URL),
			}),
		);
		// What --test-scheduled serves (under /cdn-cgi, so that the assets binding never answers it).
		const triggered = await fetch(
			`${worker?.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("0 7 * * *")}`,
		);
		expect(triggered.status, describeWorker()).toBe(200);
		let outcome: string | undefined;
		await waitFor(
			async () => {
				const [run] = await db.select().from(taskRuns).where(eq(taskRuns.taskName, "payment-notices"));
				outcome = run?.outcome;
				return outcome !== undefined && outcome !== "running";
			},
			30_000,
			"the payment-notices run",
		);
		expect(outcome, describeWorker()).toBe("success");
		await deliveredMail(to, "payment-notice", 0);
	});

	it("answers concurrent rights checks through the API, each recorded and audited, none waiting on another request (ADR 0052)", async () => {
		const practice = await demoAccount(db, "professionnel1");
		const created = await createApiKey(
			db,
			{
				scope: { accountId: practice.id, professionalId: practice.professionalId ?? 0, sessionId: "workerd" },
				now: new Date(),
				correlationId: "workerd-rights",
				randomBytes: cryptoRandomBytes,
			},
			"Logiciel du cabinet",
		);
		if (!created.ok) throw new Error("no API key");
		const check = (memberNumber: string) =>
			fetch(`${worker?.url}/api/v1/professionnel/droits`, {
				method: "POST",
				headers: { "content-type": "application/json", authorization: `Bearer ${created.key}` },
				body: JSON.stringify({ memberNumber, birthDate: "1984-03-12" }),
			});
		const count = 12;
		const responses = await Promise.all(
			Array.from({ length: count }, (_, index) => check(index % 3 === 0 ? "499999999" : "400000001")),
		);
		for (const [index, response] of responses.entries()) {
			expect(response.status, describeWorker()).toBe(index % 3 === 0 ? 404 : 200);
			if (index % 3 !== 0) expect(await response.text()).toContain('"status":"covered"');
			else await response.body?.cancel();
		}
		const recorded = await db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM rights_checks WHERE channel = 'api' AND professional_id = ${practice.professionalId}`,
		);
		const audited = await db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM audit_events WHERE action = 'professionnel.rights.checked' AND account_id = ${practice.id}`,
		);
		expect(Number(recorded[0]?.n)).toBe(count);
		expect(Number(audited[0]?.n)).toBe(count);
	});
});

async function memberWithoutAccount(): Promise<{ number: string; birthDate: string; email: string }> {
	const rows = await db.all<{ number: string; birthDate: string; email: string }>(sql`
		SELECT m.member_number AS number, p.birth_date AS birthDate, m.email FROM members m JOIN persons p ON p.id = m.person_id
		WHERE m.email IS NOT NULL AND p.deceased_on IS NULL
			AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
			AND EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = m.id AND c.end_date IS NULL)
		ORDER BY m.id DESC LIMIT 1`);
	const row = rows[0];
	if (!row) throw new Error("the seed has no member without an account");
	return { number: String(row.number), birthDate: String(row.birthDate), email: String(row.email) };
}
