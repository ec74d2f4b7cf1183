// The rest of the espace employeur in the JSON API, through the same core services as the pages:
// the group contract (`/contrat`), the dispenses in force (`/dispenses`) and the administrators
// (`/administrateurs`: list and journal, invite, revoke, change a role). Mounted inside
// apiEmployeurRoutes, behind its requireEmployer, which checks the role by path as for the pages
// (employer-roles.ts): every role reads; inviting, revoking and changing a role are the main
// administrator's. Another company's administrator answers 404 like a missing one. Uploading an
// employee's signed dispense request stays on the page (a multipart form with the document).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
	type AdministratorView,
	administratorNameSchema,
	changeAdministratorRole,
	employerRoleNames,
	inviteAdministrator,
	type JournalEntry,
	listAdministratorActions,
	listAdministrators,
	revokeAdministrator,
} from "../../../../core/employeur/administrators.ts";
import { getGroupContract } from "../../../../core/employeur/contract.ts";
import { listDispenses } from "../../../../core/employeur/dispenses.ts";
import { parisDayOf } from "../../../../core/format.ts";
import { emailAddressSchema } from "../../../../core/sign-up.ts";
import {
	contributionBases,
	dispenseReasons,
	employeeCategories,
	periodicities,
} from "../../../../schema/enums.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { employerRole, employerScope } from "../../../middleware/employer.ts";
import { INVITATION_PROBLEMS, ROLE_CHANGE_PROBLEMS } from "../../employeur/administrator-problems.ts";
import { GuaranteeLineSchema, guaranteeLineJson } from "../adherent/garanties.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const day = z.string().openapi({ format: "date", example: "2026-12-01" });
const instant = z.string().openapi({ format: "date-time" });
const errors = {
	400: json(ErrorSchema, "Données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux administrateurs dont le rôle le permet"),
};
const idParam = z.object({ id: z.string().openapi({ example: "12" }).pipe(recordIdSchema) });
const roles = ["principal", ...employerRoleNames] as const;

const ContractSchema = z
	.object({
		number: z.string(),
		startDate: day,
		endDate: day.nullable(),
		periodicity: z.enum(periodicities),
		paymentDay: z.number().int().nullable(),
		referenceDay: day,
		company: z.object({ name: z.string(), siret: z.string() }),
		categories: z.array(
			z.object({
				category: z.enum(employeeCategories),
				label: z.string(),
				offer: z.object({ code: z.string(), label: z.string(), responsible: z.boolean() }),
				employerShareBp: z
					.number()
					.int()
					.openapi({ description: "Part patronale en points de base (au moins 5 000, art. L911-7 CSS)." }),
				basis: z.enum(contributionBases),
				prices: z
					.object({ isole: z.number().int(), duo: z.number().int(), famille: z.number().int() })
					.openapi({
						description:
							"Par option, par salarié et par mois : points de base du PMSS (pmss_percent) ou centimes (flat_amount).",
					}),
				table: z.object({ label: z.string(), effectiveFrom: day }).nullable(),
				guarantees: z.array(
					z.object({ code: z.string(), label: z.string(), lines: z.array(GuaranteeLineSchema) }),
				),
			}),
		),
		pdfUrl: z.string().openapi({ example: "/employeur/contrat.pdf" }),
	})
	.openapi("GroupContract");

const DispenseSchema = z
	.object({
		id: z.number().int(),
		lastName: z.string(),
		firstName: z.string(),
		categoryLabel: z.string(),
		reason: z.enum(dispenseReasons),
		requestedOn: day.nullable(),
		startDate: day,
		endDate: day.nullable(),
		hasDocument: z.boolean(),
		endsSoon: z.boolean().openapi({ description: "La dispense prend fin dans les 30 jours." }),
		documentUrl: z.string().nullable(),
	})
	.openapi("Dispense");

const AdministratorSchema = z
	.object({
		accountId: z.number().int(),
		identifier: z.string(),
		role: z.enum(roles),
		firstName: z.string().nullable(),
		lastName: z.string().nullable(),
		email: z.string(),
		status: z.enum(["invited", "enrolling", "active", "revoked"]),
		invitedAt: instant.nullable(),
		revokedAt: instant.nullable(),
		lastSignInAt: instant.nullable(),
	})
	.openapi("EmployerAdministrator");

const JournalEntrySchema = z
	.object({
		occurredAt: instant,
		action: z.string().openapi({ example: "employeur.administrator.invited" }),
		objectType: z.string().nullable(),
		objectId: z.string().nullable(),
		by: z.object({
			identifier: z.string(),
			role: z.enum(roles),
			firstName: z.string().nullable(),
			lastName: z.string().nullable(),
		}),
	})
	.openapi("EmployerJournalEntry");

const InvitationSchema = z
	.strictObject({
		firstName: administratorNameSchema("Le prénom"),
		lastName: administratorNameSchema("Le nom"),
		email: emailAddressSchema,
		role: z.enum(employerRoleNames, "Choisissez le rôle de la personne invitée."),
	})
	.openapi("AdministratorInvitation");

const RoleSchema = z
	.strictObject({ role: z.enum(employerRoleNames, "Choisissez le nouveau rôle parmi ceux proposés.") })
	.openapi("AdministratorRoleChange");

function administratorJson(admin: AdministratorView) {
	return {
		...admin,
		invitedAt: admin.invitedAt?.toISOString() ?? null,
		revokedAt: admin.revokedAt?.toISOString() ?? null,
		lastSignInAt: admin.lastSignInAt?.toISOString() ?? null,
	};
}

function journalJson(entry: JournalEntry) {
	return {
		occurredAt: entry.occurredAt.toISOString(),
		action: entry.action,
		objectType: entry.objectType,
		objectId: entry.objectId,
		by: {
			identifier: entry.identifier,
			role: entry.role,
			firstName: entry.firstName,
			lastName: entry.lastName,
		},
	};
}

export const apiEmployeurAdministrationRoutes = new OpenAPIHono<AppEnv>();

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "get",
		path: "/contrat",
		summary: "Le contrat collectif en vigueur : ses catégories, leurs garanties, la part patronale",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(ContractSchema, "Contrat"),
			...errors,
			404: json(ErrorSchema, "Aucun contrat"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const contract = await getGroupContract(db, employerScope(c).companyId, parisDayOf(clock()));
		if (!contract)
			return c.json(
				apiError(404, "Aucun contrat collectif n'est rattaché à votre entreprise.", c.get("requestId")),
				404,
			);
		return c.json(
			{
				number: contract.number,
				startDate: contract.startDate,
				endDate: contract.endDate,
				periodicity: contract.periodicity,
				paymentDay: contract.paymentDay,
				referenceDay: contract.referenceDay,
				company: { name: contract.company.name, siret: contract.company.siret },
				categories: contract.categories.map((category) => ({
					category: category.category,
					label: category.label,
					offer: category.offer,
					employerShareBp: category.employerShareBp,
					basis: category.basis,
					prices: category.prices,
					table: category.table,
					guarantees: category.guarantees.map((guarantee) => ({
						code: guarantee.code,
						label: guarantee.label,
						lines: guarantee.lines.map(guaranteeLineJson),
					})),
				})),
				pdfUrl: "/employeur/contrat.pdf",
			},
			200,
		);
	},
);

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "get",
		path: "/dispenses",
		summary: "Les dispenses d'adhésion en vigueur, les plus proches de leur fin d'abord",
		security: [{ bearerAuth: [] }],
		responses: { 200: json(z.object({ dispenses: z.array(DispenseSchema) }), "Dispenses"), ...errors },
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const dispenses = await listDispenses(db, employerScope(c).companyId, parisDayOf(clock()));
		return c.json(
			{
				dispenses: dispenses.map((dispense) => ({
					...dispense,
					documentUrl: dispense.hasDocument ? `/employeur/dispenses/${dispense.id}/demande` : null,
				})),
			},
			200,
		);
	},
);

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "get",
		path: "/administrateurs",
		summary:
			"Votre rôle ; pour l'administrateur principal, les administrateurs de l'entreprise et le journal de leurs actions",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(
				z.object({
					role: z.enum(roles),
					administrators: z
						.array(AdministratorSchema)
						.nullable()
						.openapi({ description: "Null sauf pour l'administrateur principal." }),
					journal: z.array(JournalEntrySchema).nullable(),
				}),
				"Administrateurs",
			),
			...errors,
		},
	}),
	async (c) => {
		const role = employerRole(c);
		if (role !== "principal") return c.json({ role, administrators: null, journal: null }, 200);
		const { db } = c.get("deps");
		const { companyId } = employerScope(c);
		const administrators = await listAdministrators(db, companyId);
		const journal = await listAdministratorActions(db, companyId);
		return c.json(
			{ role, administrators: administrators.map(administratorJson), journal: journal.map(journalJson) },
			200,
		);
	},
);

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "post",
		path: "/administrateurs",
		summary:
			"Invite un administrateur avec un rôle : il reçoit par courriel son identifiant et le lien pour choisir son mot de passe",
		security: [{ bearerAuth: [] }],
		request: { body: { content: { "application/json": { schema: InvitationSchema } }, required: true } },
		responses: {
			201: json(
				z.object({ accountId: z.number().int(), identifier: z.string() }).openapi("AdministratorInvited"),
				"Invitation envoyée",
			),
			...errors,
			409: json(ErrorSchema, "Adresse déjà celle d'un administrateur"),
			429: json(ErrorSchema, "Trop d'invitations aujourd'hui"),
		},
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const body = c.req.valid("json");
		const result = await inviteAdministrator(db, {
			scope: employerScope(c),
			role: body.role,
			firstName: body.firstName,
			lastName: body.lastName,
			email: body.email,
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.json({ accountId: result.accountId, identifier: result.identifier }, 201);
		if (result.reason === "rate_limited") c.header("Retry-After", String(result.retryAfterSeconds));
		const [status, message] = INVITATION_PROBLEMS[result.reason];
		return c.json(apiError(status, message, c.get("requestId")), status);
	},
);

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "post",
		path: "/administrateurs/{id}/revocation",
		summary: "Révoque un administrateur invité : ses sessions prennent fin aussitôt",
		security: [{ bearerAuth: [] }],
		request: { params: idParam },
		responses: {
			200: json(
				z
					.object({ revoked: z.literal(true), sessionsEnded: z.number().int() })
					.openapi("AdministratorRevoked"),
				"Accès révoqué (ou déjà révoqué : sessionsEnded vaut alors 0)",
			),
			...errors,
			404: json(ErrorSchema, "Administrateur inconnu"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const result = await revokeAdministrator(db, {
			scope: employerScope(c),
			accountId: c.req.valid("param").id,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.json({ revoked: true as const, sessionsEnded: result.sessionsEnded }, 200);
		if (result.reason === "already_revoked") return c.json({ revoked: true as const, sessionsEnded: 0 }, 200);
		if (result.reason === "not_principal")
			return c.json(
				apiError(403, "Seul l'administrateur principal révoque des administrateurs.", c.get("requestId")),
				403,
			);
		return c.json(apiError(404, "Cet administrateur n'existe pas.", c.get("requestId")), 404);
	},
);

apiEmployeurAdministrationRoutes.openapi(
	createRoute({
		method: "post",
		path: "/administrateurs/{id}/role",
		summary: "Change le rôle d'un administrateur invité ; il s'applique dès sa prochaine requête",
		security: [{ bearerAuth: [] }],
		request: {
			params: idParam,
			body: { content: { "application/json": { schema: RoleSchema } }, required: true },
		},
		responses: {
			200: json(
				z
					.object({ from: z.enum(employerRoleNames), to: z.enum(employerRoleNames) })
					.openapi("AdministratorRoleChanged"),
				"Rôle changé",
			),
			...errors,
			404: json(ErrorSchema, "Administrateur inconnu"),
			409: json(ErrorSchema, "Accès révoqué"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const { role } = c.req.valid("json");
		const result = await changeAdministratorRole(db, {
			scope: employerScope(c),
			accountId: c.req.valid("param").id,
			role,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.json({ from: result.from, to: role }, 200);
		const [status, message] = ROLE_CHANGE_PROBLEMS[result.reason];
		return c.json(apiError(status, message, c.get("requestId")), status);
	},
);
