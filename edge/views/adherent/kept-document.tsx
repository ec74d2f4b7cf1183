// The notice of a document already received with a refused form (issue 11): it carries the hidden
// field naming the document, so the corrected form needs no file, and tells the member so.
import { KEPT_FIELD, KEPT_NAME } from "../../services/adherent/kept-document.ts";
import { Alert } from "../form.tsx";

export function KeptDocumentNotice({
	values,
	message,
}: {
	readonly values: Readonly<Record<string, string>>;
	/** The sentence, given the file name. */
	readonly message: (fileName: string) => string;
}) {
	const id = values[KEPT_FIELD];
	if (!id) return null;
	return (
		<Alert kind="info">
			<input type="hidden" name={KEPT_FIELD} value={id} />
			{message(values[KEPT_NAME] ?? "")}
		</Alert>
	);
}
