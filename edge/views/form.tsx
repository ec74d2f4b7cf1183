// Form pieces that carry their accessibility with them (RGAA 11): a visible label tied to its
// field, the hint and the error linked by aria-describedby, aria-invalid on a wrong field, and
// a summary of the errors at the top of the form that links to each field.
import type { Child } from "hono/jsx";
import { datePartsOf } from "../lib/date-parts.ts";

export type FieldErrors = Readonly<Record<string, string | undefined>>;

/** The ids a field's input is described by: its hint and its error, when it has them. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
	return [hint ? `${id}-aide` : "", error ? `${id}-erreur` : ""].filter(Boolean).join(" ") || undefined;
}

/** A field's frame: its label, its hint and its error message, then the input itself. */
function FieldFrame(props: {
	readonly id: string;
	readonly label: Child;
	readonly hint?: string | undefined;
	readonly error?: string | undefined;
	readonly children?: Child;
}) {
	return (
		<div class="field">
			<label for={props.id}>{props.label}</label>
			{props.hint ? (
				<span class="hint" id={`${props.id}-aide`}>
					{props.hint}
				</span>
			) : null}
			{props.error ? (
				<span class="field-error" id={`${props.id}-erreur`}>
					{props.error}
				</span>
			) : null}
			{props.children}
		</div>
	);
}

export interface TextFieldProps {
	readonly name: string;
	readonly label: string;
	readonly type?: "text" | "email" | "password" | "tel" | "search";
	/**
	 * For a field not always required (`required={false}`), when it is needed, in place of
	 * « facultatif »: the label must say what the rule says.
	 */
	readonly requirement?: string;
	readonly value?: string | undefined;
	readonly error?: string | undefined;
	readonly hint?: string;
	readonly autocomplete?: string;
	readonly inputmode?: "numeric" | "text" | "email";
	readonly required?: boolean;
	readonly maxlength?: number;
	readonly pattern?: string;
}

export function TextField(props: TextFieldProps) {
	const id = `champ-${props.name}`;
	return (
		<FieldFrame
			id={id}
			label={`${props.label}${props.required === false ? ` (${props.requirement ?? "facultatif"})` : ""}`}
			hint={props.hint}
			error={props.error}
		>
			<input
				id={id}
				name={props.name}
				type={props.type ?? "text"}
				value={props.type === "password" ? undefined : props.value}
				autocomplete={props.autocomplete}
				inputmode={props.inputmode}
				required={props.required !== false}
				maxlength={props.maxlength}
				pattern={props.pattern}
				aria-invalid={props.error ? "true" : undefined}
				aria-describedby={describedBy(id, props.hint, props.error)}
			/>
		</FieldFrame>
	);
}

export interface CheckboxProps {
	readonly name: string;
	readonly label: Child;
	readonly checked?: boolean;
	readonly error?: string | undefined;
	readonly required?: boolean;
	readonly value?: string;
}

export function Checkbox(props: CheckboxProps) {
	const id = `champ-${props.name}`;
	return (
		<div class="field">
			{props.error ? (
				<span class="field-error" id={`${id}-erreur`}>
					{props.error}
				</span>
			) : null}
			<label class="choice" for={id}>
				<input
					id={id}
					type="checkbox"
					name={props.name}
					value={props.value ?? "oui"}
					checked={props.checked}
					required={props.required}
					aria-invalid={props.error ? "true" : undefined}
					aria-describedby={props.error ? `${id}-erreur` : undefined}
				/>
				<span>{props.label}</span>
			</label>
		</div>
	);
}

export interface RadioGroupProps {
	readonly name: string;
	readonly legend: string;
	readonly options: readonly { readonly value: string; readonly label: string }[];
	readonly value?: string | undefined;
	readonly error?: string | undefined;
}

export function RadioGroup(props: RadioGroupProps) {
	const id = `champ-${props.name}`;
	return (
		<fieldset id={id} aria-describedby={props.error ? `${id}-erreur` : undefined}>
			<legend>{props.legend}</legend>
			{props.error ? (
				<span class="field-error" id={`${id}-erreur`}>
					{props.error}
				</span>
			) : null}
			{props.options.map((option, index) => (
				<label class="choice" for={`${id}-${index}`}>
					<input
						id={`${id}-${index}`}
						type="radio"
						name={props.name}
						value={option.value}
						checked={option.value === props.value}
						required
					/>
					<span>{option.label}</span>
				</label>
			))}
		</fieldset>
	);
}

export interface DateFieldProps {
	readonly name: string;
	readonly legend: string;
	/** The form's values: the three parts as typed, or the date itself (`YYYY-MM-DD`). */
	readonly values: Readonly<Record<string, string | undefined>>;
	readonly hint?: string | undefined;
	readonly error?: string | undefined;
	readonly required?: boolean;
	/** A date of birth: the browser may offer the one it knows. */
	readonly birthday?: boolean;
}

/**
 * A date as three fields, day, month and year (the GOV.UK date input): `<name>-jour`,
 * `<name>-mois`, `<name>-annee`, joined by edge/lib/date-parts.ts. The day field carries the
 * field's id, so that the error summary's link lands on it.
 */
export function DateField(props: DateFieldProps) {
	const id = `champ-${props.name}`;
	const parts = datePartsOf(props.values, props.name);
	const hintId = `${id}-aide`;
	const part = (suffix: "jour" | "mois" | "annee", label: string, width: "2" | "4", autocomplete: string) => (
		<div class="date-part">
			<label for={suffix === "jour" ? id : `${id}-${suffix}`}>{label}</label>
			<input
				id={suffix === "jour" ? id : `${id}-${suffix}`}
				name={`${props.name}-${suffix}`}
				type="text"
				inputmode="numeric"
				class={`width-${width}`}
				value={parts[suffix]}
				maxlength={Number(width)}
				autocomplete={props.birthday ? autocomplete : "off"}
				aria-invalid={props.error ? "true" : undefined}
			/>
		</div>
	);
	return (
		<fieldset
			class="field date-input"
			aria-describedby={
				[props.hint ? hintId : "", props.error ? `${id}-erreur` : ""].join(" ").trim() || undefined
			}
		>
			<legend>{`${props.legend}${props.required === false ? " (facultatif)" : ""}`}</legend>
			<span class="hint" id={hintId}>
				{props.hint ?? "Par exemple, 27 3 2007."}
			</span>
			{props.error ? (
				<span class="field-error" id={`${id}-erreur`}>
					{props.error}
				</span>
			) : null}
			<div class="date-parts">
				{part("jour", "Jour", "2", "bday-day")}
				{part("mois", "Mois", "2", "bday-month")}
				{part("annee", "Année", "4", "bday-year")}
			</div>
		</fieldset>
	);
}

/** Lists the errors at the top of the form, each a link to its field. */
export function ErrorSummary({ errors }: { readonly errors: FieldErrors }) {
	const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
	if (entries.length === 0) return null;
	return (
		<div class="alert alert-error error-summary" role="alert" aria-labelledby="erreurs-titre">
			<h2 id="erreurs-titre">
				{entries.length === 1
					? "Une information est à corriger"
					: `${entries.length} informations sont à corriger`}
			</h2>
			<ul>
				{entries.map(([name, message]) => (
					<li>
						<a href={name === "_form" ? "#contenu" : `#champ-${name}`}>{message}</a>
					</li>
				))}
			</ul>
		</div>
	);
}

export function Alert({
	kind,
	children,
}: {
	readonly kind: "info" | "success" | "warning" | "error";
	readonly children?: Child;
}) {
	return (
		<div class={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
			{children}
		</div>
	);
}

export interface TextAreaProps {
	readonly name: string;
	readonly label: string;
	readonly value?: string | undefined;
	readonly error?: string | undefined;
	readonly hint?: string;
	readonly maxlength?: number;
	readonly rows?: number;
	/** False for a text needed only in some cases (a refusal's reason): the browser must not block the form. */
	readonly required?: boolean;
}

export function TextArea(props: TextAreaProps) {
	const id = `champ-${props.name}`;
	return (
		<FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
			<textarea
				id={id}
				name={props.name}
				rows={props.rows ?? 8}
				maxlength={props.maxlength}
				required={props.required !== false}
				aria-invalid={props.error ? "true" : undefined}
				aria-describedby={describedBy(id, props.hint, props.error)}
			>
				{props.value ?? ""}
			</textarea>
		</FieldFrame>
	);
}

export interface SelectProps {
	readonly name: string;
	readonly label: string;
	readonly value: string | undefined;
	/** The first choice, meaning "no filter" (value ""). */
	readonly all: string;
	readonly options: readonly { readonly value: string; readonly label: string }[];
	readonly error: string | undefined;
}

export function Select(props: SelectProps) {
	const id = `champ-${props.name}`;
	return (
		<FieldFrame id={id} label={props.label} error={props.error}>
			<select
				id={id}
				name={props.name}
				aria-invalid={props.error ? "true" : undefined}
				aria-describedby={describedBy(id, undefined, props.error)}
			>
				<option value="">{props.all}</option>
				{props.options.map((option) => (
					<option value={option.value} selected={option.value === props.value}>
						{option.label}
					</option>
				))}
			</select>
		</FieldFrame>
	);
}

export interface FileFieldProps {
	readonly name: string;
	readonly label: string;
	readonly hint?: string;
	readonly error: string | undefined;
	/** The `accept` list: extensions and media types the picker offers first (the server checks anyway). */
	readonly accept: string;
}

export function FileField(props: FileFieldProps) {
	const id = `champ-${props.name}`;
	return (
		<FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
			<input
				id={id}
				type="file"
				name={props.name}
				accept={props.accept}
				aria-invalid={props.error ? "true" : undefined}
				aria-describedby={describedBy(id, props.hint, props.error)}
			/>
		</FieldFrame>
	);
}
