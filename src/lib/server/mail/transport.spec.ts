import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransport } from './transport';

describe('createTransport without SMTP', () => {
	let dir: string | undefined;
	afterEach(async () => {
		vi.restoreAllMocks();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('writes each message as a readable .eml file and says where', async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'agrowisata-mail-'));
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const transport = createTransport({ smtpUrl: undefined, mailDir: path.join(dir, 'mail') });
		const mail = {
			to: 'ani@example.com',
			subject: 'Pemesanan TB-7KX4Q2 terkonfirmasi',
			text: 'Kode pemesanan: TB-7KX4Q2',
			html: '<p>Kode pemesanan: TB-7KX4Q2</p>',
			attachments: [
				{ filename: 'TB-7KX4Q2.ics', content: 'BEGIN:VCALENDAR', contentType: 'text/calendar' }
			]
		};
		await transport.send(mail);
		await transport.send(mail);

		const files = await readdir(path.join(dir, 'mail'));
		expect(files).toHaveLength(2);
		expect(files[0]).toMatch(/pemesanan-tb-7kx4q2-terkonfirmasi\.eml$/);
		const raw = await readFile(path.join(dir, 'mail', files[0]), 'utf8');
		expect(raw).toMatch(/^To: ani@example\.com$/m);
		expect(raw).toMatch(/^Subject: Pemesanan TB-7KX4Q2 terkonfirmasi$/m);
		expect(raw).toContain('Kode pemesanan: TB-7KX4Q2');
		expect(raw).toContain('TB-7KX4Q2.ics');
		expect(log).toHaveBeenCalledTimes(2);
		expect(String(log.mock.calls[0][0])).toContain(path.join(dir, 'mail'));
	});
});
