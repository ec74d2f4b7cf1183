// « Imports » (admin): the form that sends a core-system file (its kind, the file; no script),
// and the run's report: the counts, the refused lines with their French reason (a table that
// stacks on a phone, stacked-tables.ts) and, when the run stopped, what to do next.
import type { ImportKindName } from "../../../core/import/kinds.ts";
import type { ImportReport } from "../../../core/import/run.ts";
import { Alert, ErrorSummary, type FieldErrors, FileField, Select } from "../form.tsx";
import { LineReasonsTable } from "../line-reasons-table.tsx";

export const IMPORTS_PATH = "/gestion/imports";

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKindName, string>> = {
	adherents: "Adhérents",
	contrats: "Contrats",
	beneficiaires: "Bénéficiaires",
	resiliations: "Résiliations de contrats",
	prestations: "Prestations (remboursements)",
	releves: "Relevés de prestations",
	paiements: "Paiements",
	garanties: "Tableaux de garanties",
	entreprises: "Entreprises",
	affiliations: "Affiliations des salariés",
	bordereaux: "Bordereaux de cotisations",
	professionnels: "Professionnels de santé",
	factures: "Factures des professionnels",
	"lignes-factures": "Lignes de factures",
};

const KIND_OPTIONS = (Object.entries(IMPORT_KIND_LABELS) as [ImportKindName, string][]).map(
	([value, label]) => ({ value, label }),
);

const count = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`;

export function ImportFormPage({
	errors = {},
	kind,
	limitBytes,
}: {
	readonly errors?: FieldErrors;
	readonly kind?: string | undefined;
	readonly limitBytes: number;
}) {
	const megabytes = (limitBytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href="/gestion">Espace gestion</a>
			</nav>
			<h1>Importer un fichier du système de gestion</h1>
			<p class="lead">
				Chaque ligne est vérifiée ; les lignes valides sont enregistrées, les autres sont listées avec leur
				motif. Envoyer deux fois le même fichier ne crée rien en double.
			</p>
			<form method="post" action={IMPORTS_PATH} enctype="multipart/form-data" novalidate>
				<ErrorSummary errors={errors} />
				<Select
					name="type"
					label="Type de données"
					value={kind}
					all="Choisissez le type de données"
					options={KIND_OPTIONS}
					error={errors.type}
				/>
				<FileField
					name="fichier"
					label="Fichier"
					hint={`CSV (.csv, séparateur « ; » ou « , », première ligne : le nom des colonnes) ou JSON Lines (.jsonl, un objet par ligne), en UTF-8, ${megabytes} Mo au plus ; au-delà, utilisez l'API d'import ou « npm run import ».`}
					error={errors.fichier}
					accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
				/>
				<div class="actions">
					<button type="submit">Importer le fichier</button>
				</div>
			</form>
		</>
	);
}

export function ImportReportPage({
	report,
	kindLabel,
	fileName,
}: {
	readonly report: ImportReport;
	readonly kindLabel: string;
	readonly fileName: string;
}) {
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href="/gestion">Espace gestion</a> › <a href={IMPORTS_PATH}>Imports</a>
			</nav>
			<h1>Compte rendu de l'import</h1>
			<p class="lead">
				{kindLabel} : fichier <strong>{fileName}</strong>.
			</p>
			{report.stopped ? (
				<Alert kind="error">
					L'import s'est arrêté après la ligne {report.stopped.afterLine} ({report.stopped.error}). Tout ce
					qui précède est enregistré ; envoyez de nouveau le même fichier pour terminer l'import.
				</Alert>
			) : (
				<Alert kind={report.rejected === 0 ? "success" : "warning"}>
					{report.rejected === 0
						? "L'import est terminé : toutes les lignes sont valides."
						: `L'import est terminé : ${count(report.rejected, "ligne est refusée", "lignes sont refusées")}, les autres sont enregistrées.`}
				</Alert>
			)}
			<ul class="import-counts">
				<li>{count(report.lines, "ligne lue", "lignes lues")}</li>
				<li>{count(report.written, "ligne enregistrée", "lignes enregistrées")} (créées ou mises à jour)</li>
				<li>{count(report.unchanged, "ligne inchangée", "lignes inchangées")}</li>
				<li>{count(report.rejected, "ligne refusée", "lignes refusées")}</li>
			</ul>
			<LineReasonsTable
				id="refus-titre"
				caption={
					report.rejected > report.rejections.length
						? `Les ${report.rejections.length} premières lignes refusées`
						: "Lignes refusées"
				}
				rows={report.rejections}
			/>
			<p>
				<a href={IMPORTS_PATH}>Importer un autre fichier</a>
			</p>
		</>
	);
}
