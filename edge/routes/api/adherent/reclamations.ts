// `/api/v1/adherent/reclamations`: the member's complaints, and filing one (without attachment;
// the HTML form takes one).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
	COMPLAINT_CATEGORIES,
	COMPLAINT_MAX_LENGTH,
	type Complaint,
	fileComplaint,
	getComplaint,
	listComplaints,
	mediatorIsOpen,
} from "../../../../core/adherent/complaints.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const categories = Object.keys(COMPLAINT_CATEGORIES) as [
	keyof typeof COMPLAINT_CATEGORIES,
	...(keyof typeof COMPLAINT_CATEGORIES)[],
];
const ComplaintSchema = z
	.object({
		id: z.number().int(),
		reference: z.string(),
		category: z.enum(categories),
		subject: z.string().openapi({ description: "Le sujet tel que l'adhérent le lit." }),
		text: z.string(),
		status: z.string(),
		receivedAt: z.string().openapi({ format: "date-time" }),
		acknowledgeBy: z.string().nullable(),
		answerBy: z.string().nullable(),
		answeredAt: z.string().nullable(),
		answer: z.string().nullable(),
		mediatorAvailable: z.boolean(),
	})
	.openapi("Complaint");
const NewComplaint = z
	.strictObject({
		category: z.enum(categories, { error: "Choisissez le sujet de votre réclamation." }),
		text: z
			.string()
			.trim()
			.min(10, "Décrivez votre réclamation (10 caractères au moins).")
			.max(COMPLAINT_MAX_LENGTH, `${COMPLAINT_MAX_LENGTH} caractères au plus.`),
	})
	.openapi("NewComplaint");

function view(complaint: Complaint, now: Date) {
	return {
		id: complaint.id,
		reference: complaint.reference,
		category: complaint.category,
		subject: complaint.subject,
		text: complaint.text,
		status: complaint.status,
		receivedAt: complaint.createdAt.toISOString(),
		acknowledgeBy: complaint.acknowledgeBy?.toISOString() ?? null,
		answerBy: complaint.answerBy?.toISOString() ?? null,
		answeredAt: complaint.answeredAt?.toISOString() ?? null,
		answer: complaint.answer,
		mediatorAvailable: mediatorIsOpen(complaint, now),
	};
}

const security = [{ bearerAuth: [] }];

export const apiReclamationsRoutes = new OpenAPIHono<AppEnv>();
apiReclamationsRoutes.use("/reclamations", requireMember());
apiReclamationsRoutes.use("/reclamations/*", requireMember());

apiReclamationsRoutes.openapi(
	createRoute({
		method: "get",
		path: "/reclamations",
		summary: "Les réclamations de l'adhérent",
		security,
		responses: {
			200: json(z.object({ complaints: z.array(ComplaintSchema) }), "Réclamations"),
			401: json(ErrorSchema, "Non connecté"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const complaints = await listComplaints(db, memberScope(c).accountId);
		return c.json({ complaints: complaints.map((complaint) => view(complaint, clock())) }, 200);
	},
);

apiReclamationsRoutes.openapi(
	createRoute({
		method: "get",
		path: "/reclamations/{id}",
		summary: "Une réclamation",
		security,
		request: {
			params: z.object({
				id: z.string().openapi({ example: "12" }).pipe(recordIdSchema),
			}),
		},
		responses: { 200: json(ComplaintSchema, "Réclamation"), 404: json(ErrorSchema, "Réclamation inconnue") },
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const found = await getComplaint(db, memberScope(c).accountId, c.req.valid("param").id);
		if (!found)
			return c.json(
				{ error: { ...apiError(404, "Cette réclamation n'existe pas.", c.get("requestId")).error } },
				404,
			);
		return c.json(view(found.complaint, clock()), 200);
	},
);

apiReclamationsRoutes.openapi(
	createRoute({
		method: "post",
		path: "/reclamations",
		summary: "Faire une réclamation : un accusé de réception est envoyé par e-mail",
		security,
		request: { body: { content: { "application/json": { schema: NewComplaint } }, required: true } },
		responses: {
			201: json(ComplaintSchema, "Réclamation enregistrée"),
			400: json(ErrorSchema, "Données invalides"),
		},
	}),
	async (c) => {
		const { db, clock, config } = c.get("deps");
		const scope = memberScope(c);
		const body = c.req.valid("json");
		const complaint = await fileComplaint(db, {
			memberAccountId: scope.accountId,
			sessionId: scope.sessionId,
			category: body.category,
			text: body.text,
			now: clock(),
			publicUrl: config.publicUrl,
			correlationId: c.get("requestId"),
		});
		return c.json(view(complaint, clock()), 201);
	},
);
