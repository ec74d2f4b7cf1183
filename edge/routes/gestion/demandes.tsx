// « Demandes » (every role): the queue and one request, and the decisions each kind allows.
// Thin: the forms are parsed here; core/adherent/complaints.ts, beneficiary-decision.ts and
// core/gestion/data-protection.ts decide (the same services as the CLIs).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { decideBeneficiaryRequest } from "../../../core/adherent/beneficiary-decision.ts";
import { updateComplaint } from "../../../core/adherent/complaints.ts";
import {
	BLOCK_REASON_MAX_LENGTH,
	blockBankChange,
	getBankChangeForStaff,
} from "../../../core/gestion/bank-changes.ts";
import { handleDataProtectionRequest } from "../../../core/gestion/data-protection.ts";
import {
	answerPracticeMessageAsStaff,
	closePracticeMessage,
	getPracticeMessageForStaff,
} from "../../../core/gestion/practice-messages.ts";
import { getRequestForStaff } from "../../../core/gestion/queue.ts";
import { listQueueEntries, otherQueueKinds, type QueueKind } from "../../../core/gestion/queue-entries.ts";
import { describeRequest } from "../../../core/gestion/request-details.ts";
import { mayOpen } from "../../../core/gestion/staff.ts";
import { requestKinds } from "../../../schema/enums.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { QueuePage, RequestPage } from "../../views/gestion/demandes.tsx";
import { BankChangePage, PracticeMessagePage } from "../../views/gestion/other-requests.tsx";
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

const practiceMessageForm = z
	.object({
		operation: z.enum(["repondre", "cloturer"], { error: "Choisissez l'opération." }),
		reponse: answerText.optional(),
	})
	.refine((form) => form.operation !== "repondre" || (form.reponse ?? "") !== "", {
		path: ["reponse"],
		message: "Écrivez la réponse au professionnel.",
	});

const blockForm = z.object({
	motif: z
		.string()
		.trim()
		.min(1, "Indiquez le motif : l'entreprise le lira.")
		.max(BLOCK_REASON_MAX_LENGTH, "Le motif compte au plus 500 caractères."),
});

const QUEUE_KINDS: readonly QueueKind[] = [...requestKinds, ...otherQueueKinds];

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

const MESSAGE_DONE: Readonly<Record<string, string>> = {
	repondre: "Réponse enregistrée ; le professionnel est invité par e-mail à la lire dans son espace.",
	cloturer: "Échange clôturé.",
};

async function showMessage(
	c: Context<AppEnv>,
	id: number,
	options: { status?: 200 | 400 | 409; errors?: FieldErrors; values?: Readonly<Record<string, string>> } = {},
): Promise<Response> {
	const message = await getPracticeMessageForStaff(c.get("deps").db, id);
	if (!message) return c.notFound();
	return renderPage(
		c,
		{ title: `Message ${message.reference}`, status: options.status ?? 200 },
		<PracticeMessagePage
			message={message}
			notice={MESSAGE_DONE[c.req.query("fait") ?? ""]}
			errors={options.errors ?? {}}
			values={options.values ?? {}}
		/>,
	);
}

async function showBankChange(
	c: Context<AppEnv>,
	id: number,
	options: { status?: 200 | 400 | 409; errors?: FieldErrors; values?: Readonly<Record<string, string>> } = {},
): Promise<Response> {
	const change = await getBankChangeForStaff(c.get("deps").db, id);
	if (!change) return c.notFound();
	return renderPage(
		c,
		{ title: `Changement bancaire n° ${change.id}`, status: options.status ?? 200 },
		<BankChangePage
			change={change}
			notice={
				c.req.query("fait") === "bloque"
					? "Changement bloqué ; l'entreprise est prévenue par e-mail avec le motif."
					: undefined
			}
			errors={options.errors ?? {}}
			values={options.values ?? {}}
		/>,
	);
}

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
		const kind = QUEUE_KINDS.find((candidate) => candidate === type);
		if (type && !kind) throw httpError(400, "Ce type de demande n'existe pas.");
		const entries = await listQueueEntries(db, clock(), kind);
		return renderPage(
			c,
			{ title: "Demandes" },
			<QueuePage entries={entries} kind={kind} mayOpenAccounts={mayOpen(staffActor(c).role, "comptes")} />,
		);
	})
	.get("/demandes/messages/:id", (c) => showMessage(c, requestId(c)))
	.post("/demandes/messages/:id", async (c) => {
		const id = requestId(c);
		const deps = c.get("deps");
		const form = await parseForm(c, practiceMessageForm);
		if (!form.ok) return showMessage(c, id, { status: 400, errors: form.errors, values: form.values });
		const input = { id, now: deps.clock(), actor: staffActor(c) };
		const result =
			form.data.operation === "repondre"
				? await answerPracticeMessageAsStaff(deps.db, {
						...input,
						answer: form.data.reponse ?? "",
						publicUrl: deps.config.publicUrl,
					})
				: await closePracticeMessage(deps.db, input);
		if (!result.ok) {
			if (result.reason === "not_found") return c.notFound();
			return showMessage(c, id, { status: 409, errors: { _form: "Cet échange est déjà clôturé." } });
		}
		return c.redirect(`/gestion/demandes/messages/${id}?fait=${form.data.operation}`, 303);
	})
	.get("/demandes/changements-bancaires/:id", (c) => showBankChange(c, requestId(c)))
	.post("/demandes/changements-bancaires/:id/bloquer", async (c) => {
		const id = requestId(c);
		const deps = c.get("deps");
		if (!(await getBankChangeForStaff(deps.db, id))) return c.notFound();
		const form = await parseForm(c, blockForm);
		if (!form.ok) return showBankChange(c, id, { status: 400, errors: form.errors, values: form.values });
		const result = await blockBankChange(deps.db, {
			id,
			reason: form.data.motif,
			now: deps.clock(),
			actor: staffActor(c),
			publicUrl: deps.config.publicUrl,
		});
		if (!result.ok)
			return showBankChange(c, id, {
				status: 409,
				errors: { _form: "Ce changement n'est plus en attente : il est déjà appliqué ou annulé." },
			});
		return c.redirect(`/gestion/demandes/changements-bancaires/${id}?fait=bloque`, 303);
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
