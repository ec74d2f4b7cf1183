// The notice of a document already received with a refused form (issue 11): it carries the hidden
// field naming the document, so the corrected form needs no file, and tells the member so.
import { Alert } from "../form.tsx";

/** The hidden field naming a document received with an earlier, refused, submission. */
export const KEPT_FIELD = "pieceRecue";
/** Its file name, for the page only (never read back from the form). */
export const KEPT_NAME = "pieceRecueNom";

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
