// The demo mail catcher of `npm start`: an SMTP server on 127.0.0.1 that accepts every mail (no auth,
// no TLS) and keeps it as an .eml file in a folder, and an inbox over HTTP that lists and shows them:
//   http://127.0.0.1:5680/            the list, newest first
//   http://127.0.0.1:5680/mail/<id>   one mail (text, HTML in a sandboxed frame, attachments)
//   http://127.0.0.1:5680/api/mails   the list as JSON
// Nothing leaves the machine. Uses the devDependencies smtp-server and mailparser.
//   node scripts/demo/mail.js [--smtp-port 2525] [--http-port 5680] [--dir ./.n8n-data/mail]
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const esc = (s) =>
	String(s ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
	);

async function readMails(dir) {
	if (!fs.existsSync(dir)) return [];
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.eml'))
		.sort()
		.reverse();
	return Promise.all(
		files.map(async (f) => ({
			id: f.slice(0, -4),
			mail: await simpleParser(fs.readFileSync(path.join(dir, f))),
		})),
	);
}

function summary({ id, mail }) {
	return {
		id,
		date: mail.date?.toISOString() ?? null,
		from: mail.from?.text ?? '',
		to: mail.to
			? [mail.to]
					.flat()
					.map((a) => a.text)
					.join(', ')
			: '',
		subject: mail.subject ?? '',
		attachments: (mail.attachments ?? []).map((a) => ({
			filename: a.filename,
			contentType: a.contentType,
			size: a.size,
		})),
	};
}

function page(title, body) {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}iframe{width:100%;height:60vh;border:1px solid #ccc}</style></head><body>${body}</body></html>`;
}

/** Starts SMTP and the HTTP inbox; resolves { smtpPort, inboxUrl, close }. */
async function startMailCatcher({ smtpPort = 2525, httpPort = 5680, host = '127.0.0.1', dir }) {
	fs.mkdirSync(dir, { recursive: true });
	let seq = 0;
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		banner: 'n8n-nodes-bem demo mail catcher',
		onAuth: (auth, session, cb) => cb(null, { user: auth.username || 'demo' }),
		onData(stream, session, cb) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}-${++seq}`;
				fs.writeFile(path.join(dir, `${id}.eml`), Buffer.concat(chunks), (err) => cb(err ?? null));
			});
		},
	});
	const web = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://x');
			const mails = await readMails(dir);
			if (url.pathname === '/api/mails') {
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(JSON.stringify(mails.map(summary)));
			}
			let m = /^\/mail\/([\w-]+)(?:\/(html|attachment\/(\d+)))?$/.exec(url.pathname);
			const found = m && mails.find((x) => x.id === m[1]);
			if (found && m[2] === 'html') {
				res.writeHead(200, {
					'content-type': 'text/html; charset=utf-8',
					'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
				});
				return res.end(found.mail.html || '');
			}
			if (found && m[3] !== undefined) {
				const a = found.mail.attachments?.[Number(m[3])];
				if (a) {
					res.writeHead(200, {
						'content-type': a.contentType,
						'content-disposition': `inline; filename="${String(a.filename ?? 'attachment').replace(/"/g, '')}"`,
					});
					return res.end(a.content);
				}
			}
			if (found) {
				const s = summary(found);
				const atts = s.attachments
					.map(
						(a, i) =>
							`<li><a href="/mail/${found.id}/attachment/${i}">${esc(a.filename)}</a> (${esc(a.contentType)}, ${a.size} bytes)</li>`,
					)
					.join('');
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				return res.end(
					page(
						s.subject,
						`<p><a href="/">← inbox</a></p><h2>${esc(s.subject)}</h2><p>From: ${esc(s.from)}<br>To: ${esc(s.to)}<br>Date: ${esc(s.date)}</p>
${atts ? `<ul>${atts}</ul>` : ''}${found.mail.html ? `<iframe sandbox src="/mail/${found.id}/html"></iframe>` : ''}<h3>Text</h3><pre>${esc(found.mail.text)}</pre>`,
					),
				);
			}
			if (url.pathname !== '/') {
				res.writeHead(404, { 'content-type': 'text/plain' });
				return res.end('not found');
			}
			const rows = mails
				.map(summary)
				.map(
					(s) =>
						`<tr><td>${esc(s.date)}</td><td>${esc(s.to)}</td><td><a href="/mail/${s.id}">${esc(s.subject || '(no subject)')}</a></td><td>${s.attachments.length || ''}</td></tr>`,
				)
				.join('');
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(
				page(
					'BEM demo inbox',
					`<h1>BEM demo inbox</h1><p>Every mail n8n sends through the credential “BEM Mail (SMTP)” (SMTP ${host}:${smtpPort}) lands here; nothing leaves the machine. ${mails.length} mail(s).</p>
<table><tr><th>Date</th><th>To</th><th>Subject</th><th>Attachments</th></tr>${rows}</table>`,
				),
			);
		} catch (e) {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(e));
		}
	});
	const listen = (srv, port) =>
		new Promise((resolve, reject) => {
			srv.once('error', reject);
			srv.listen(port, host, () => resolve(srv.address().port));
		});
	const realSmtpPort = await listen(smtp.server, smtpPort);
	const realHttpPort = await listen(web, httpPort).catch(async (e) => {
		await new Promise((r) => smtp.close(r));
		throw e;
	});
	return {
		smtpPort: realSmtpPort,
		inboxUrl: `http://${host}:${realHttpPort}`,
		close: () =>
			Promise.all([
				new Promise((r) => smtp.close(r)),
				new Promise((r) => (web.closeAllConnections(), web.close(() => r()))),
			]),
	};
}

module.exports = { startMailCatcher };

if (require.main === module) {
	const arg = (name, def) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? process.argv[i + 1] : def;
	};
	startMailCatcher({
		smtpPort: Number(arg('--smtp-port', 2525)),
		httpPort: Number(arg('--http-port', 5680)),
		dir: path.resolve(arg('--dir', path.join(__dirname, '../../.n8n-data/mail'))),
	}).then((c) => console.log(`SMTP on 127.0.0.1:${c.smtpPort}; inbox at ${c.inboxUrl}`));
}
