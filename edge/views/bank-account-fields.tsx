// The fields of a new bank account (IBAN, BIC, holder), the same in every bank-details form: the
// employer's debit mandate and the practice's account for the insurer's transfers.
import { type FieldErrors, TextField } from "./form.tsx";

export function BankAccountFields({
	values,
	errors,
}: {
	readonly values: Readonly<Record<string, string | undefined>>;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<TextField
				name="iban"
				label="IBAN"
				value={values.iban}
				error={errors.iban}
				autocomplete="off"
				maxlength={42}
			/>
			<TextField
				name="bic"
				label="BIC"
				value={values.bic}
				error={errors.bic}
				autocomplete="off"
				maxlength={14}
			/>
			<TextField
				name="titulaire"
				label="Titulaire du compte"
				value={values.titulaire}
				error={errors.titulaire}
				maxlength={70}
			/>
		</>
	);
}
