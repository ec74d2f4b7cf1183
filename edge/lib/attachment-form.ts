// A multipart form with at most one attachment, the field `piece` (a complaint, a request to the
// DPO, a practice's message): its text fields and its file, or the French error for a form too
// large, unreadable, or carrying a field it should not.
import { FORM_OVERHEAD_BYTES, MAX_DOCUMENT_BYTES, readMultipartWithLimit } from "../../core/file-type.ts";
import type { FieldErrors } from "../views/form.tsx";

export const ATTACHMENT_TOO_LARGE = "La pièce jointe dépasse 5 Mo : envoyez un fichier plus léger.";

export type AttachmentFormRead =
	| { readonly ok: true; readonly values: Record<string, string>; readonly file: File | null }
	| {
			readonly ok: false;
			readonly status: 400 | 413;
			readonly errors: FieldErrors;
			readonly values: Readonly<Record<string, string>>;
	  };

/** `fields`: every field the form may carry, `piece` included. */
export async function readAttachmentForm(
	request: Request,
	fields: readonly string[],
): Promise<AttachmentFormRead> {
	const multipart = await readMultipartWithLimit(request, MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES);
	if (!multipart.ok)
		return multipart.reason === "too_large"
			? { ok: false, status: 413, errors: { piece: ATTACHMENT_TOO_LARGE }, values: {} }
			: {
					ok: false,
					status: 400,
					errors: { _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." },
					values: {},
				};
	const values: Record<string, string> = {};
	let file: File | null = null;
	for (const [key, value] of multipart.form.entries()) {
		if (typeof value === "string") values[key] = value;
		else if (key === "piece" && value.size > 0) file = value;
	}
	if ([...multipart.form.keys()].some((key) => !fields.includes(key)))
		return {
			ok: false,
			status: 400,
			errors: { _form: "Le formulaire contient des champs inattendus." },
			values,
		};
	return { ok: true, values, file };
}
