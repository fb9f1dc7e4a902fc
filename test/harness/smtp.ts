// An in-process SMTP server for workflow tests: n8n's Send Email node delivers to it over a real SMTP
// connection on 127.0.0.1, and tests read the parsed mails (subject, text, attachments).
import type { AddressInfo } from 'net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
	attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface SmtpCatcher {
	port: number;
	mails: CaughtMail[];
	/** credentials for n8n's `smtp` credential type pointing at this server */
	credentials: {
		host: string;
		port: number;
		secure: boolean;
		user: string;
		password: string;
		disableStartTls: boolean;
	};
	close(): Promise<void>;
}

function toMail(parsed: ParsedMail, to: string[]): CaughtMail {
	return {
		from: parsed.from?.text ?? '',
		to,
		subject: parsed.subject ?? '',
		text: parsed.text ?? '',
		html: typeof parsed.html === 'string' ? parsed.html : '',
		attachments: parsed.attachments.map((a) => ({
			filename: a.filename ?? '',
			contentType: a.contentType,
			content: a.content,
		})),
	};
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
	const mails: CaughtMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(_auth, _session, callback) {
			callback(null, { user: 'test' });
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					mails.push(
						toMail(
							parsed,
							session.envelope.rcptTo.map((r) => r.address),
						),
					);
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		mails,
		credentials: {
			host: '127.0.0.1',
			port,
			secure: false,
			user: 'test',
			password: 'test',
			disableStartTls: true,
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
