// Reads the local mailbox as a developer would: `/dev/mails.json`, newest first.

export interface MailboxEntry {
	readonly to: string;
	readonly subject: string;
	readonly template: string;
	readonly text: string;
	readonly links: readonly string[];
}

export async function newestMail(baseUrl: string, to: string, template: string): Promise<MailboxEntry> {
	const response = await fetch(`${baseUrl}/dev/mails.json`);
	const mails = (await response.json()) as MailboxEntry[];
	const mail = mails.find((entry) => entry.to === to && entry.template === template);
	if (!mail) throw new Error(`no ${template} mail for ${to} in the mailbox`);
	return mail;
}

export async function newestSignInCode(baseUrl: string, to: string): Promise<string> {
	const mail = await newestMail(baseUrl, to, "sign-in-code");
	const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
	if (!code) throw new Error("no code in the sign-in mail");
	return code;
}
