// `/adherent/releves`: the relevés de prestations online instead of paper (article 3 of the CGU):
// the list a year at a time, one statement's detail, its PDF, and the choice to receive paper
// copies again. Another member's statement answers 404, exactly like one that does not exist.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { recordMemberActivity } from "../../../core/adherent/member.ts";
import {
	getStatement,
	listStatements,
	setPaperStatements,
	statementFileName,
} from "../../../core/adherent/statements.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { memberScope } from "../../middleware/member.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { StatementPage } from "../../views/adherent/releve.tsx";
import { renderStatementPdf } from "../../views/adherent/releve-pdf.ts";
import { StatementsPage } from "../../views/adherent/releves.tsx";
import { statementTitle } from "../../views/adherent/releves-labels.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const NOTICES: Record<string, string> = {
	"courrier-oui": "Votre choix est enregistré : vous recevrez vos relevés en ligne et par courrier.",
	"courrier-non": "Votre choix est enregistré : vous recevrez vos relevés en ligne uniquement.",
};

const ListQuery = z.strictObject({
	annee: z
		.string()
		.regex(/^(19|20)\d{2}$/)
		.transform(Number)
		.optional(),
	message: z.string().max(40).optional(),
});

const PaperChoice = z.object({
	courrier: z.enum(["oui", "non"], { error: "Choisissez comment recevoir vos relevés de prestations." }),
});

/** A statement id from the path (its canonical form only), or null for one no statement can have. */
function statementId(raw: string): number | null {
	return parseRecordId(raw.replace(/\.pdf$/, ""));
}

async function statementsPage<E extends AppEnv>(
	c: Context<E>,
	options: {
		year?: number | undefined;
		notice?: string | undefined;
		errors?: FieldErrors;
		status?: 200 | 400;
	},
) {
	const scope = memberScope(c);
	const list = await listStatements(c.get("deps").db, scope.memberId, { year: options.year });
	return renderPage(
		c,
		{ title: "Mes relevés de prestations", status: options.status ?? 200 },
		<StatementsPage list={list} notice={options.notice} errors={options.errors ?? {}} />,
	);
}

export const relevesRoutes = new Hono<AppEnv>()
	.get("/releves", async (c) => {
		const query = ListQuery.safeParse(c.req.query());
		if (!query.success) throw httpError(400, "L'année demandée n'est pas valide.");
		return statementsPage(c, {
			year: query.data.annee,
			notice: NOTICES[query.data.message ?? ""],
		});
	})
	.post("/releves/courrier", async (c) => {
		const scope = memberScope(c);
		const form = await parseForm(c, PaperChoice);
		if (!form.ok) return statementsPage(c, { errors: form.errors, status: 400 });
		const { db, clock } = c.get("deps");
		await setPaperStatements(db, {
			memberId: scope.memberId,
			paper: form.data.courrier === "oui",
			now: clock(),
			accountId: scope.accountId,
			sessionId: scope.sessionId,
			correlationId: c.get("requestId"),
		});
		return c.redirect(`/adherent/releves?message=courrier-${form.data.courrier}`, 303);
	})
	.get("/releves/:statement{[0-9]+\\.pdf}", async (c) => {
		const scope = memberScope(c);
		const id = statementId(c.req.param("statement"));
		const { db, clock } = c.get("deps");
		const detail = id === null ? null : await getStatement(db, scope.memberId, id);
		if (!detail) return c.notFound();
		const now = clock();
		const pdf = await renderStatementPdf(detail, now);
		await recordMemberActivity(db, scope, c.get("requestId"), now, {
			action: "adherent.statement.downloaded",
			objectType: "statement",
			objectId: String(detail.statement.id),
		});
		return pdfResponse(c, pdf, statementFileName(detail.statement.month));
	})
	.get("/releves/:statement{[0-9]+}", async (c) => {
		const scope = memberScope(c);
		const id = statementId(c.req.param("statement"));
		const detail = id === null ? null : await getStatement(c.get("deps").db, scope.memberId, id);
		if (!detail) return c.notFound();
		return renderPage(
			c,
			{ title: statementTitle(detail.statement.month) },
			<StatementPage detail={detail} />,
		);
	});
