// "Signaler une utilisation frauduleuse" (article 2 of the CGU): from the single-use link of every
// security e-mail (`/signalement?jeton=…`, no sign-in needed) or from the security page of a
// signed-in account (`/compte/signaler`). Opening either page changes nothing; the button (a
// plain POST) blocks the account, ends every session and records the incident
// (core/fraud-report.ts), then a 303 leads to `/signalement/enregistre`.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { findActivityLine } from "../../core/activity.ts";
import { formatInstant } from "../../core/format.ts";
import { reportFraud } from "../../core/fraud-report.ts";
import { consumeOneTimeToken } from "../../core/one-time-token.ts";
import { inspectLinkToken } from "../../core/password-reset.ts";
import type { AppEnv } from "../env.ts";
import { requestIpKey } from "../lib/client-address.ts";
import { parseForm } from "../lib/form.ts";
import { deleteSessionCookie } from "../lib/session-cookie.ts";
import { requireAccount } from "../middleware/auth.ts";
import { activityLabel } from "../views/activity/labels.ts";
import {
	ConfirmFraudReportPage,
	type ReportLinkProblem,
	ReportLinkProblemPage,
} from "../views/fraud-report/confirm-page.tsx";
import { FraudReportRecordedPage } from "../views/fraud-report/recorded-page.tsx";
import { renderPage } from "../views/page.tsx";

const TITLE = "Signaler une utilisation frauduleuse";
const RECORDED_PATH = "/signalement/enregistre";
const linkSchema = z.strictObject({
	jeton: z.string({ error: "Le lien n'est pas valable." }).max(256, "Le lien n'est pas valable."),
});

// « Ce n'était pas moi » on a line of `/compte/activite`: the line's sequence number, checked to
// be one of the holder's own lines (another's answers 404, like one that does not exist).
const lineSchema = z.strictObject({
	ligne: z
		.string()
		.regex(/^[1-9]\d{0,14}$/)
		.transform(Number)
		.optional(),
});

// The token is in the address of the confirmation page: never pass it on in a Referer.
const noReferrer = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	c.res.headers.set("Referrer-Policy", "no-referrer");
});

async function linkProblemPage<E extends AppEnv>(
	c: Context<E>,
	problem: ReportLinkProblem,
): Promise<Response> {
	const page = await renderPage(
		c,
		{ title: "Lien non valable", status: 400 },
		<ReportLinkProblemPage problem={problem} />,
	);
	return problem === "invalid" ? page : new Response(page.body, { status: 410, headers: page.headers });
}

export const fraudReportRoutes = new Hono<AppEnv>()
	.use("/signalement", noReferrer)
	.use("/signalement/*", noReferrer)
	.get("/signalement", async (c) => {
		const { db, clock } = c.get("deps");
		const token = c.req.query("jeton") ?? "";
		const link = await inspectLinkToken(db, { token, purpose: "fraud_report", now: clock() });
		if (!link.ok) return linkProblemPage(c, link.reason);
		return renderPage(c, { title: TITLE }, <ConfirmFraudReportPage token={token} />);
	})
	.post("/signalement", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, linkSchema);
		if (!form.ok) return linkProblemPage(c, "invalid");
		const now = clock();
		const spent = await consumeOneTimeToken(db, { token: form.data.jeton, purpose: "fraud_report", now });
		if (!spent.ok) return linkProblemPage(c, spent.reason);
		const report = await reportFraud(db, {
			accountId: spent.accountId,
			via: "link",
			now,
			publicUrl: config.publicUrl,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (!report.ok) return linkProblemPage(c, "invalid");
		return c.redirect(RECORDED_PATH, 303);
	})
	.get(RECORDED_PATH, (c) => renderPage(c, { title: "Signalement enregistré" }, <FraudReportRecordedPage />))
	.use("/compte/signaler", requireAccount())
	.get("/compte/signaler", async (c) => {
		const query = lineSchema.safeParse(c.req.query());
		if (!query.success) return c.notFound();
		if (query.data.ligne === undefined) return renderPage(c, { title: TITLE }, <ConfirmFraudReportPage />);
		const line = await findActivityLine(c.get("deps").db, c.get("auth").account, query.data.ligne);
		if (!line) return c.notFound();
		const shown = { seq: line.seq, at: formatInstant(line.at), label: activityLabel(line) };
		return renderPage(c, { title: TITLE }, <ConfirmFraudReportPage line={shown} />);
	})
	.post("/compte/signaler", async (c) => {
		const auth = c.get("auth");
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, lineSchema);
		const seq = form.ok ? form.data.ligne : undefined;
		// A line that is not the holder's is not recorded; the report itself always goes through.
		const line = seq === undefined ? null : await findActivityLine(db, auth.account, seq);
		const report = await reportFraud(db, {
			relatedAuditSeq: line?.seq ?? null,
			accountId: auth.account.id,
			via: "session",
			sessionId: auth.session.id,
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (!report.ok) return linkProblemPage(c, "invalid");
		// This browser's session ended with the others.
		deleteSessionCookie(c);
		return c.redirect(RECORDED_PATH, 303);
	});
