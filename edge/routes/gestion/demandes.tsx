// « Demandes » (every role): the queue and one request, and the decisions each kind allows.
// Thin: the forms are parsed here; core/adherent/complaints.ts, beneficiary-decision.ts and
// core/gestion/data-protection.ts decide (the same services as the CLIs).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { decideBeneficiaryRequest } from "../../../core/adherent/beneficiary-decision.ts";
import { updateComplaint } from "../../../core/adherent/complaints.ts";
import { handleDataProtectionRequest } from "../../../core/gestion/data-protection.ts";
import { getRequestForStaff, listQueue } from "../../../core/gestion/queue.ts";
import { describeRequest } from "../../../core/gestion/request-details.ts";
import { type RequestKind, requestKinds } from "../../../schema/enums.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { QueuePage, RequestPage } from "../../views/gestion/demandes.tsx";
import { renderPage } from "../../views/page.tsx";

const answerText = z.string().trim().max(5000, "La réponse compte au plus 5 000 caractères.");

const complaintForm = z
	.object({
		operation: z.enum(["accuser", "en-cours", "repondre", "cloturer"], { error: "Choisissez l'opération." }),
		reponse: answerText.optional(),
	})
	.refine((form) => form.operation !== "repondre" || (form.reponse ?? "") !== "", {
		path: ["reponse"],
		message: "Écrivez la réponse à l'adhérent.",
	});

const beneficiaryForm = z
	.object({
		decision: z.enum(["accepter", "refuser"], { error: "Choisissez d'accepter ou de refuser." }),
		motif: z.string().trim().max(500, "La réponse compte au plus 500 caractères."),
	})
	.refine((form) => form.decision !== "refuser" || form.motif !== "", {
		path: ["motif"],
		message: "Indiquez la raison du refus : l'adhérent la lira.",
	});

const dataProtectionForm = z
	.object({
		operation: z.enum(["en-cours", "repondre"], { error: "Choisissez l'opération." }),
		reponse: answerText.optional(),
	})
	.refine((form) => form.operation !== "repondre" || (form.reponse ?? "") !== "", {
		path: ["reponse"],
		message: "Écrivez la réponse.",
	});

const COMPLAINT_ACTIONS = {
	accuser: "acknowledge",
	"en-cours": "in_progress",
	repondre: "answer",
	cloturer: "close",
} as const;

const DONE: Readonly<Record<string, string>> = {
	accuser: "Accusé de réception enregistré.",
	"en-cours": "Demande prise en charge.",
	repondre: "Réponse enregistrée ; l'adhérent est invité par e-mail à la lire dans son espace.",
	cloturer: "Réclamation clôturée.",
	accepter: "Demande acceptée : le bénéficiaire est à jour et figure sur la carte de tiers payant.",
	refuser: "Demande refusée ; l'adhérent lit la raison dans son espace.",
};

const BENEFICIARY_REFUSALS: Readonly<Record<string, string>> = {
	already_decided: "Cette demande est déjà traitée.",
	beneficiary_gone: "Le bénéficiaire n'est plus couvert : refusez la demande.",
	invalid_payload:
		"La demande est incomplète : elle ne peut pas être acceptée ; refusez-la en expliquant pourquoi.",
	not_a_beneficiary_request: "Cette demande ne concerne pas un bénéficiaire.",
	unknown_request: "Cette demande n'existe pas.",
};

async function showRequest(
	c: Context<AppEnv>,
	id: number,
	options: { status?: 200 | 400 | 409; errors?: FieldErrors; values?: Readonly<Record<string, string>> } = {},
): Promise<Response> {
	const { db, clock } = c.get("deps");
	const view = await getRequestForStaff(db, id, clock());
	if (!view) return c.notFound();
	return renderPage(
		c,
		{ title: `Demande ${view.request.reference}`, status: options.status ?? 200 },
		<RequestPage
			view={view}
			details={await describeRequest(db, view.request)}
			notice={DONE[c.req.query("fait") ?? ""]}
			errors={options.errors ?? {}}
			values={options.values ?? {}}
		/>,
	);
}

function requestId(c: Context<AppEnv>): number {
	const id = parseRecordId(c.req.param("id") ?? "");
	if (id === null) throw httpError(404, "Cette demande n'existe pas.");
	return id;
}

export const demandesRoutes = new Hono<AppEnv>()
	.use("/demandes/*", requireArea("demandes"))
	.use("/demandes", requireArea("demandes"))
	.get("/demandes", async (c) => {
		const { db, clock } = c.get("deps");
		const type = c.req.query("type");
		const kind = requestKinds.find((candidate) => candidate === type);
		if (type && !kind) throw httpError(400, "Ce type de demande n'existe pas.");
		const items = await listQueue(db, clock(), kind ? [kind as RequestKind] : undefined);
		return renderPage(c, { title: "Demandes" }, <QueuePage items={items} kind={kind} />);
	})
	.get("/demandes/:id", (c) => showRequest(c, requestId(c)))
	.post("/demandes/:id/reclamation", async (c) => {
		const id = requestId(c);
		const deps = c.get("deps");
		const view = await getRequestForStaff(deps.db, id, deps.clock());
		if (view?.request.kind !== "complaint") return c.notFound();
		const form = await parseForm(c, complaintForm);
		if (!form.ok) return showRequest(c, id, { status: 400, errors: form.errors, values: form.values });
		const staff = staffActor(c);
		const result = await updateComplaint(deps.db, {
			reference: view.request.reference,
			action: COMPLAINT_ACTIONS[form.data.operation],
			answer: form.data.reponse,
			now: deps.clock(),
			publicUrl: deps.config.publicUrl,
			staffAccountId: staff.accountId,
			sessionId: staff.sessionId,
			correlationId: staff.correlationId,
		});
		if (!result.ok)
			return showRequest(c, id, {
				status: 409,
				errors: {
					_form:
						result.reason === "already_acknowledged"
							? "Un accusé de réception est déjà enregistré."
							: "Cette réclamation est déjà clôturée.",
				},
			});
		return c.redirect(`/gestion/demandes/${id}?fait=${form.data.operation}`, 303);
	})
	.post("/demandes/:id/beneficiaire", async (c) => {
		const id = requestId(c);
		const deps = c.get("deps");
		const view = await getRequestForStaff(deps.db, id, deps.clock());
		if (!view || (view.request.kind !== "beneficiary_add" && view.request.kind !== "beneficiary_remove"))
			return c.notFound();
		const form = await parseForm(c, beneficiaryForm);
		if (!form.ok) return showRequest(c, id, { status: 400, errors: form.errors, values: form.values });
		const staff = staffActor(c);
		const result = await decideBeneficiaryRequest(deps.db, {
			reference: view.request.reference,
			decision: form.data.decision === "accepter" ? "accept" : "reject",
			reason: form.data.motif || null,
			now: deps.clock(),
			staffAccountId: staff.accountId,
			sessionId: staff.sessionId,
			correlationId: staff.correlationId,
		});
		if (!result.ok)
			return showRequest(c, id, {
				status: 409,
				errors: { _form: BENEFICIARY_REFUSALS[result.reason] ?? "Décision impossible." },
				values: form.values,
			});
		return c.redirect(`/gestion/demandes/${id}?fait=${form.data.decision}`, 303);
	})
	.post("/demandes/:id/donnees", async (c) => {
		const id = requestId(c);
		const deps = c.get("deps");
		const form = await parseForm(c, dataProtectionForm);
		if (!form.ok) return showRequest(c, id, { status: 400, errors: form.errors, values: form.values });
		const result = await handleDataProtectionRequest(deps.db, {
			id,
			action: form.data.operation === "repondre" ? "answer" : "in_progress",
			answer: form.data.reponse,
			now: deps.clock(),
			actor: staffActor(c),
		});
		if (!result.ok) {
			if (result.reason === "not_found") return c.notFound();
			return showRequest(c, id, { status: 409, errors: { _form: "Cette demande est déjà traitée." } });
		}
		return c.redirect(`/gestion/demandes/${id}?fait=${form.data.operation}`, 303);
	});
