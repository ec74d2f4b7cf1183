// The page shown for an error on a dynamic path: plain French, a way back, and the correlation
// id that lets staff find the log line (it carries no personal data).
import { Layout } from "./layout.tsx";

export interface ErrorPageProps {
	readonly status: number;
	readonly title: string;
	readonly message: string;
	readonly requestId: string | undefined;
	readonly stylesheets: readonly string[];
}

export function ErrorPage({ status, title, message, requestId, stylesheets }: ErrorPageProps) {
	return (
		<Layout title={title} stylesheets={stylesheets}>
			<h1>{title}</h1>
			<p>{message}</p>
			<p>
				<a href="/">Revenir à l'accueil</a>
			</p>
			{status >= 500 && requestId ? (
				<p class="muted">
					Si le problème persiste, communiquez cette référence à nos services : <code>{requestId}</code>
				</p>
			) : null}
		</Layout>
	);
}
