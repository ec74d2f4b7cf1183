// The optional attachment of a form (a complaint, a request to the DPO): PDF, JPEG or PNG of
// 5 MB at most, its hint and its error tied to the input (RGAA 11).
import type { FieldErrors } from "./form.tsx";

export function AttachmentField({ errors }: { readonly errors: FieldErrors }) {
	return (
		<div class="field">
			<label for="champ-piece">Pièce jointe (facultatif)</label>
			<span class="hint" id="champ-piece-aide">
				Un document PDF, JPEG ou PNG de 5 Mo au plus.
			</span>
			{errors.piece ? (
				<span class="field-error" id="champ-piece-erreur">
					{errors.piece}
				</span>
			) : null}
			<input
				id="champ-piece"
				type="file"
				name="piece"
				accept="application/pdf,image/jpeg,image/png"
				aria-describedby={errors.piece ? "champ-piece-aide champ-piece-erreur" : "champ-piece-aide"}
				aria-invalid={errors.piece ? "true" : undefined}
			/>
		</div>
	);
}
