// `/adherent/beneficiaires`: the people the contract covers, and the requests that change them.
// Adding someone is a multipart form with a supporting document: the size limit holds before
// the body is read whole, the type is read from the bytes, the file goes to the document
// storage (core/storage.ts) and its record to uploaded_documents, kept for the corrected
// form when the rest comes back with an error (kept-document.ts). Removing someone asks for
// the password again. Both become requests decided later by staff. Another member's beneficiary
// answers 404, like one that does not exist.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import {
	findBeneficiary,
	listBeneficiaries,
	listBeneficiaryRequests,
	pendingRemoval,
	requestBeneficiaryAddition,
	requestBeneficiaryRemoval,
} from "../../../core/adherent/beneficiaries.ts";
import { beneficiaryAdditionSchema, removalDateError } from "../../../core/adherent/beneficiary-form.ts";
import type { MemberScope } from "../../../core/adherent/member.ts";
import { recordMemberActivity } from "../../../core/adherent/member.ts";
import {
	FORM_OVERHEAD_BYTES,
	MAX_DOCUMENT_BYTES,
	readMultipartWithLimit,
	sniffDocumentType,
} from "../../../core/file-type.ts";
import { parisDayOf } from "../../../core/format.ts";
import { verifyPassword } from "../../../core/password.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { DATE_PART_SUFFIXES, joinDateParts } from "../../lib/date-parts.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { memberScope } from "../../middleware/member.ts";
import { AdditionPage } from "../../views/adherent/beneficiaire-ajout.tsx";
import { RemovalPage } from "../../views/adherent/beneficiaire-retrait.tsx";
import { BeneficiariesPage } from "../../views/adherent/beneficiaires.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";
import { KEPT_FIELD, keptDocument, storeMemberDocument, valuesKeeping } from "./kept-document.ts";

const NOT_FOUND = "Ce bénéficiaire n'existe pas ou n'est pas couvert par votre contrat.";
const ADD_TITLE = "Ajouter un bénéficiaire";
const REMOVE_TITLE = "Retirer un bénéficiaire";
const TEXT_FIELDS = new Set([
	"lien",
	"nom",
	"prenom",
	// Typed as three fields (DateField), or as one `YYYY-MM-DD` by a client without them.
	"dateNaissance",
	...DATE_PART_SUFFIXES.map((suffix) => `dateNaissance-${suffix}`),
	"sexe",
	"nir",
	"nirParent",
	KEPT_FIELD,
]);

/** The typed fields only, for the schema (which knows nothing of the kept document). */
function withoutKept(values: Readonly<Record<string, string>>): Record<string, string> {
	const { [KEPT_FIELD]: _kept, ...typed } = values;
	return typed;
}

const removalSchema = z.strictObject({
	dernierJour: z.string({ error: "Saisissez le dernier jour de couverture." }).trim().max(10),
	motDePasse: z
		.string({ error: "Saisissez votre mot de passe." })
		.min(1, "Saisissez votre mot de passe.")
		.max(1024),
});

function beneficiaryId<E extends AppEnv>(c: Context<E>): number {
	const id = parseRecordId(c.req.param("id"));
	if (id === null) throw httpError(404, NOT_FOUND);
	return id;
}

/** The same page with another status (renderPage's statuses stop at 429). */
async function withStatus(response: Promise<Response>, status: number): Promise<Response> {
	const page = await response;
	return new Response(page.body, { status, headers: page.headers });
}

interface ParsedAddition {
	readonly values: Record<string, string>;
	readonly errors: Record<string, string>;
	readonly file: File | null;
	readonly status: 400 | 413;
}

/** Reads the multipart form within the limit and splits it into text values and the file. */
async function readAdditionForm<E extends AppEnv>(c: Context<E>): Promise<ParsedAddition> {
	const body = await readMultipartWithLimit(c.req.raw, MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES);
	if (!body.ok) {
		return body.reason === "too_large"
			? {
					values: {},
					errors: { justificatif: "Le justificatif dépasse 5 Mo : choisissez un fichier plus léger." },
					file: null,
					status: 413,
				}
			: {
					values: {},
					errors: { _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." },
					file: null,
					status: 400,
				};
	}
	const values: Record<string, string> = {};
	let file: File | null = null;
	let unexpected = false;
	for (const [key, value] of body.form.entries()) {
		if (key === "justificatif" && typeof value !== "string" && file === null) file = value;
		else if (TEXT_FIELDS.has(key) && typeof value === "string" && !(key in values)) values[key] = value;
		else unexpected = true;
	}
	const errors: Record<string, string> = unexpected
		? { _form: "Le formulaire contient des champs inattendus. Rechargez la page et réessayez." }
		: {};
	return { values, errors, file, status: 400 };
}

export const beneficiairesRoutes = new Hono<AppEnv>()
	.get("/beneficiaires", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const [beneficiaries, requests] = await Promise.all([
			listBeneficiaries(db, scope.memberId, parisDayOf(clock())),
			listBeneficiaryRequests(db, scope.accountId, scope.memberId),
		]);
		const reference = c.req.query("demande");
		const recorded = reference ? requests.find((request) => request.reference === reference) : undefined;
		return renderPage(
			c,
			{ title: "Bénéficiaires" },
			<BeneficiariesPage beneficiaries={beneficiaries} requests={requests} recorded={recorded} />,
		);
	})
	.get("/beneficiaires/ajout", (c) => {
		memberScope(c);
		return renderPage(c, { title: ADD_TITLE }, <AdditionPage values={{}} errors={{}} />);
	})
	.post("/beneficiaires/ajout", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const now = clock();
		const form = await readAdditionForm(c);
		const errors: Record<string, string> = { ...form.errors };
		const parsed = beneficiaryAdditionSchema(parisDayOf(now)).safeParse(
			joinDateParts(withoutKept(form.values)),
		);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
		}
		const file = form.file && form.file.size > 0 ? form.file : null;
		let bytes: Uint8Array | null = null;
		if (file) {
			if (file.size > MAX_DOCUMENT_BYTES) {
				errors.justificatif = "Le justificatif dépasse 5 Mo : choisissez un fichier plus léger.";
			} else {
				bytes = new Uint8Array(await file.arrayBuffer());
				if (!sniffDocumentType(bytes)) {
					errors.justificatif =
						"Le justificatif doit être un fichier PDF, JPEG ou PNG : le fichier envoyé n'en est pas un.";
				}
			}
		}
		const type = bytes ? sniffDocumentType(bytes) : null;
		// A good justificatif is stored even when the rest must be corrected, and the page says so;
		// without a new file, the one kept from a refused submission serves (issue 11).
		const document = errors._form
			? null
			: file && bytes && type
				? await storeMemberDocument(c, file, bytes, type, "justificatif")
				: file
					? null
					: await keptDocument(c, form.values[KEPT_FIELD]);
		if (!document) errors.justificatif ??= "Joignez un justificatif (PDF, JPEG ou PNG).";
		const values = valuesKeeping(form.values, document);
		if (Object.keys(errors).length > 0 || !parsed.success || !document) {
			return withStatus(
				renderPage(c, { title: ADD_TITLE }, <AdditionPage values={values} errors={errors} />),
				form.status,
			);
		}
		const result = await requestBeneficiaryAddition(db, {
			actor: { accountId: scope.accountId, sessionId: scope.sessionId, correlationId: c.get("requestId") },
			memberId: scope.memberId,
			form: parsed.data,
			document: { storedId: document.id },
			now,
		});
		if (!result.ok) {
			const refused: FieldErrors =
				result.reason === "already_covered"
					? { nir: "Cette personne est déjà couverte par votre contrat." }
					: { justificatif: "Joignez un justificatif (PDF, JPEG ou PNG)." };
			return renderPage(
				c,
				{ title: ADD_TITLE, status: result.reason === "already_covered" ? 409 : 400 },
				<AdditionPage
					values={result.reason === "already_covered" ? values : valuesKeeping(values, null)}
					errors={refused}
				/>,
			);
		}
		return c.redirect(`/adherent/beneficiaires?demande=${encodeURIComponent(result.reference)}`, 303);
	})
	.get("/beneficiaires/:id/retrait", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const today = parisDayOf(clock());
		const beneficiary = await findBeneficiary(db, scope.memberId, beneficiaryId(c), today);
		if (!beneficiary) throw httpError(404, NOT_FOUND);
		const holder = beneficiary.relationship === "adherent";
		const pending = holder ? undefined : await pendingRemoval(db, scope.accountId, beneficiary.id);
		return renderPage(
			c,
			{ title: REMOVE_TITLE, status: holder ? 409 : 200 },
			<RemovalPage
				beneficiary={beneficiary}
				values={{ dernierJour: today }}
				errors={{}}
				pendingReference={pending?.reference}
				holder={holder}
			/>,
		);
	})
	.post("/beneficiaires/:id/retrait", async (c) => {
		const scope = memberScope(c);
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const today = parisDayOf(now);
		const beneficiary = await findBeneficiary(db, scope.memberId, beneficiaryId(c), today);
		if (!beneficiary) throw httpError(404, NOT_FOUND);
		if (beneficiary.relationship === "adherent") {
			return renderPage(
				c,
				{ title: REMOVE_TITLE, status: 409 },
				<RemovalPage beneficiary={beneficiary} values={{}} errors={{}} holder />,
			);
		}
		const form = await parseForm(c, removalSchema);
		const errors: Record<string, string> = {};
		for (const [field, message] of Object.entries(form.ok ? {} : form.errors))
			if (message) errors[field] = message;
		if (form.ok) {
			const dateError = removalDateError(form.data.dernierJour, today);
			if (dateError) errors.dernierJour = dateError;
			if (!(await checkPassword(c, scope, form.data.motDePasse, config.sessionPepper))) {
				errors.motDePasse = "Le mot de passe n'est pas le bon.";
			}
		}
		const render = (status: 400 | 409, pendingReference?: string) =>
			renderPage(
				c,
				{ title: REMOVE_TITLE, status },
				<RemovalPage
					beneficiary={beneficiary}
					values={{ dernierJour: form.values.dernierJour ?? today }}
					errors={errors}
					pendingReference={pendingReference}
				/>,
			);
		if (Object.keys(errors).length > 0 || !form.ok) return render(400);
		const result = await requestBeneficiaryRemoval(db, {
			actor: { accountId: scope.accountId, sessionId: scope.sessionId, correlationId: c.get("requestId") },
			memberId: scope.memberId,
			beneficiaryId: beneficiary.id,
			lastCoveredDay: form.data.dernierJour,
			now,
		});
		if (result.ok)
			return c.redirect(`/adherent/beneficiaires?demande=${encodeURIComponent(result.reference)}`, 303);
		if (result.reason === "not_found") throw httpError(404, NOT_FOUND);
		return render(409, result.reason === "already_requested" ? result.reference : undefined);
	});

/** Checks the password asked again; a wrong one is recorded in the audit trail. */
async function checkPassword<E extends AppEnv>(
	c: Context<E>,
	scope: MemberScope,
	password: string,
	pepper: string,
): Promise<boolean> {
	const auth = c.get("auth");
	const hash = auth?.account.passwordHash;
	const ok = Boolean(hash && (await verifyPassword(hash, password, pepper)));
	if (!ok) {
		const { db, clock } = c.get("deps");
		await recordMemberActivity(db, scope, c.get("requestId"), clock(), {
			action: "adherent.beneficiary.remove_requested",
			objectType: "beneficiary",
			objectId: c.req.param("id") ?? null,
			outcome: "failure",
			details: { reason: "wrong_password" },
		});
	}
	return ok;
}
