// Reads the form of a request to the DPO: multipart with one optional attachment (PDF, JPEG or
// PNG, 5 MB, its type read from its bytes) or urlencoded, unknown fields refused. The
// attachment is stored only once the rest of the form is valid, so a form sent back for a
// correction leaves nothing behind.
import type { Context } from "hono";
import { z } from "zod";
import { recordUploadedDocument, storeUploadedDocument } from "../../../core/documents.ts";
import { DATA_REQUEST_MAX_LENGTH, DATA_REQUEST_RIGHTS } from "../../../core/donnees/data-requests.ts";
import { MAX_DOCUMENT_BYTES, sniffDocumentType } from "../../../core/file-type.ts";
import { type DataProtectionRight, dataProtectionRights } from "../../../schema/enums.ts";
import type { SignedInEnv } from "../../env.ts";
import { ATTACHMENT_TOO_LARGE, readAttachmentForm } from "../../lib/attachment-form.ts";
import type { FieldErrors } from "../../views/form.tsx";

const FIELDS = ["droit", "pour", "texte", "nom", "prenom", "dateNaissance", "piece"] as const;
const TOO_LARGE = ATTACHMENT_TOO_LARGE;

const schema = z.strictObject({
	droit: z.enum(dataProtectionRights, { error: "Choisissez le droit que vous exercez." }),
	/** "moi", or the id of a minor beneficiary the member acts for (checked by the route). */
	pour: z
		.string()
		.regex(/^(moi|\d{1,12})$/, "Choisissez une personne de la liste.")
		.optional(),
	texte: z
		.string({ error: "Décrivez votre demande." })
		.trim()
		.min(10, "Décrivez votre demande en quelques mots au moins (10 caractères).")
		.max(
			DATA_REQUEST_MAX_LENGTH,
			`Votre demande dépasse ${DATA_REQUEST_MAX_LENGTH} caractères : raccourcissez-la.`,
		),
	nom: z.string().trim().max(100, "Le nom dépasse 100 caractères.").optional(),
	prenom: z.string().trim().max(100, "Le prénom dépasse 100 caractères.").optional(),
	dateNaissance: z
		.string()
		.trim()
		.regex(/^(\d{2}\/\d{2}\/\d{4})?$/, "Écrivez la date de naissance sous la forme 14/02/1980.")
		.optional(),
});

export type DataRequestForm =
	| {
			readonly ok: true;
			readonly right: DataProtectionRight;
			readonly text: string;
			readonly corrections: Record<string, string> | undefined;
			readonly attachmentId: number | null;
			/** The beneficiary the member acts for, or null for themselves. */
			readonly forBeneficiaryId: number | null;
	  }
	| {
			readonly ok: false;
			readonly status: 400 | 413;
			readonly errors: FieldErrors;
			readonly values: Record<string, string>;
	  };

/** `minors`: the beneficiary ids the member may act for (checked before anything is stored). */
export async function readDataRequestForm(
	c: Context<SignedInEnv>,
	minors: readonly number[],
): Promise<DataRequestForm> {
	const read = await readAttachmentForm(c.req.raw, FIELDS);
	if (!read.ok) return read;
	const { values, file } = read;
	const { piece: _file, ...fields } = values;
	const parsed = schema.safeParse(fields);
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	const pour = parsed.success ? parsed.data.pour : undefined;
	if (pour && pour !== "moi" && !minors.includes(Number(pour)))
		errors.pour = "Choisissez une personne de la liste.";
	let bytes: Uint8Array | null = null;
	let type = null;
	if (file) {
		if (file.size > MAX_DOCUMENT_BYTES) errors.piece = TOO_LARGE;
		else {
			bytes = new Uint8Array(await file.arrayBuffer());
			type = sniffDocumentType(bytes);
			if (!type) errors.piece = "La pièce jointe doit être un document PDF, JPEG ou PNG.";
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, status: 400, errors, values };
	let attachmentId: number | null = null;
	if (file && bytes && type) {
		const deps = c.get("deps");
		const now = deps.clock();
		const stored = await storeUploadedDocument(
			deps,
			{ bytes, contentType: type, fileName: file.name },
			now,
			"piece-jointe",
		);
		attachmentId = await recordUploadedDocument(deps.db, c.get("auth").account.id, stored.record, now).catch(
			async (error: unknown) => {
				await stored.discard();
				throw error;
			},
		);
	}
	const { droit, texte, pour: _for, ...asked } = parsed.data;
	const corrections = Object.fromEntries(Object.entries(asked).filter(([, value]) => value));
	return {
		ok: true,
		right: droit,
		text: texte,
		corrections: droit === "rectification" && Object.keys(corrections).length > 0 ? corrections : undefined,
		attachmentId,
		forBeneficiaryId: pour && pour !== "moi" ? Number(pour) : null,
	};
}

export const RIGHT_OPTIONS = dataProtectionRights.map((value) => ({
	value,
	label: DATA_REQUEST_RIGHTS[value],
}));
