import { join } from 'node:path';
import { cli, useTempFolder, writeTempFile } from './cli-harness';

// A Brazilian Excel export: BOM, ';' delimiter, quoted cells with ';', doubled quotes and a line break
// (row 2 spans two lines; rows are numbered as a spreadsheet shows them, the header is row 1).
const EXCEL_EXPORT = [
	'\uFEFFNome;E-mail;Telefone;Celular;WhatsApp;País;external_id;HubSpot ID;Empresa;Observações',
	'"Silva; Ana";ana@example.org;(11) 98765-0301;;;BR;ext-1;hs-1;"ACME ""Brasil""";"linha 1',
	'linha 2"',
	'Bruno Costa;bruno@@example;;;5511987650302;;;;Beta;',
	';;;;;;;;Sem contato;nada',
	'Carla;carla@;;;;;;;Gamma;',
	';;;;;;;;;',
	';ANA@example.org;;;;;;;;',
	';ana@example.org;+55 11 98765-0302;;;;;;;',
	'',
].join('\r\n');

describe('import', () => {
	const temp = useTempFolder();
	const store = () => join(temp(), 'store');

	it('imports a ;-delimited export with quotes and a BOM, and sums it up', async () => {
		const file = writeTempFile(temp(), 'contatos.csv', EXCEL_EXPORT);
		const run = await cli(['import', '--store', store(), file]);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(run.stdout)).toEqual({
			file,
			store: `embedded store in ${store()}`,
			format: { delimiter: ';', encoding: 'utf-8' },
			rows: 6,
			created: 2,
			matched: 2,
			merged: 1,
			rejected: 2,
			rejections: [
				{ row: 4, reason: 'no usable identifier: the row has no e-mail, phone or id' },
				{ row: 5, reason: expect.stringContaining('carla@') },
			],
			skippedForgotten: 0,
			warnings: 1,
		});

		const customer = await cli(['customer', '--store', store(), '--identifier', 'hubspot:hs-1']);
		const ana = JSON.parse(customer.stdout);
		expect(ana.traits).toEqual({ name: 'Silva; Ana', country: 'BR', Empresa: 'ACME "Brasil"', 'Observações': 'linha 1\r\nlinha 2' });
		expect(ana.identities).toEqual(
			expect.arrayContaining([
				{ kind: 'email', value: 'ana@example.org' },
				{ kind: 'phone', value: '+5511987650301' },
				{ kind: 'external', value: 'ext-1' },
				{ kind: 'hubspot', value: 'hs-1' },
				{ kind: 'phone', value: '+5511987650302' },
			]),
		);
		expect(ana.mergedFrom).toHaveLength(1);
	});

	it('maps first name + last name, mobile and country, and applies --default-country to the rest', async () => {
		const file = writeTempFile(temp(), 'crm.csv', 'First Name,Last Name,Mobile,Country,Plan\nDiego,Ruiz,55 1234 0303,MX,pro\nEva,Lima,(21) 98765-0303,,free\n');
		const run = await cli(['import', '--store', store(), '--default-country', 'BR', file]);
		expect(JSON.parse(run.stdout)).toMatchObject({ format: { delimiter: ',' }, rows: 2, created: 2, rejected: 0 });
		const diego = JSON.parse((await cli(['customer', '--store', store(), '--identifier', 'phone:+52 55 1234 0303'])).stdout);
		expect(diego.traits).toEqual({ name: 'Diego Ruiz', country: 'MX', Plan: 'pro' });
		const eva = JSON.parse((await cli(['customer', '--store', store(), '--identifier', 'phone:+5521987650303'])).stdout);
		expect(eva.traits).toEqual({ name: 'Eva Lima', Plan: 'free' });
	});

	it('reads a Windows-1252 export', async () => {
		const file = writeTempFile(temp(), 'latin.csv', Buffer.from('nome;email\nJo\xe3o;joao@example.org\n', 'latin1'));
		const run = await cli(['import', '--store', store(), file]);
		expect(JSON.parse(run.stdout)).toMatchObject({ format: { delimiter: ';', encoding: 'windows-1252' }, created: 1 });
		expect(JSON.parse((await cli(['customer', '--store', store(), '--identifier', 'email:joao@example.org'])).stdout).traits.name).toBe('João');
	});

	it('skips, on re-import after a Forget, every row of the forgotten customer and says how many; --allow-forgotten imports them', async () => {
		const crm = 'Nome;E-mail;Telefone;CPF;Cidade\nRita Prado;rita@example.org;+55 11 98765-0401;123.456.789-09;Olinda\nSami Reis;sami@example.org;+55 11 98765-0402;987.654.321-00;Recife\n';
		const file = writeTempFile(temp(), 'crm-rita.csv', crm);
		const importRun = async (...flags: string[]) => JSON.parse((await cli(['import', '--store', store(), ...flags, file])).stdout);
		expect(await importRun()).toMatchObject({ rows: 2, created: 2, skippedForgotten: 0 });
		expect((await cli(['forget', '--store', store(), '--identifier', 'email:rita@example.org'])).code).toBe(0);

		expect(await importRun()).toMatchObject({ rows: 2, created: 0, matched: 1, rejected: 0, skippedForgotten: 1 });
		for (const identity of ['email:rita@example.org', 'phone:+5511987650401']) {
			expect((await cli(['customer', '--store', store(), '--identifier', identity])).code).toBe(3);
		}
		// A row with one forgotten identifier is skipped whole: its new e-mail, name and tax number included.
		const variant = writeTempFile(temp(), 'crm-rita-2.csv', 'nome;email;telefone;cpf\nRita P.;rita.new@example.org;(11) 98765-0401;123.456.789-09\n');
		expect(JSON.parse((await cli(['import', '--store', store(), '--default-country', 'BR', variant])).stdout)).toMatchObject({ rows: 1, created: 0, skippedForgotten: 1 });
		expect((await cli(['customer', '--store', store(), '--identifier', 'email:rita.new@example.org'])).code).toBe(3);

		expect(await importRun('--allow-forgotten')).toMatchObject({ rows: 2, created: 1, matched: 1, skippedForgotten: 0 });
		const rita = JSON.parse((await cli(['customer', '--store', store(), '--identifier', 'email:rita@example.org'])).stdout);
		expect(rita.traits).toEqual({ name: 'Rita Prado', CPF: '123.456.789-09', Cidade: 'Olinda' });
	});

	it('draws a progress bar on stderr only when it is a terminal', async () => {
		const file = writeTempFile(temp(), 'progress.csv', 'email\nprogress@example.org\n');
		const terminal = await cli(['import', '--store', 'memory://', file], '', { isTTY: true });
		expect(terminal.code).toBe(0);
		expect(terminal.stderr).toContain('100%');
		expect(terminal.stderr).toContain('\r');
		const piped = await cli(['import', '--store', 'memory://', file]);
		expect(piped.stderr).toBe('');
	});

	it('exits 1 when the file cannot be read or identifies nobody, 2 on usage errors', async () => {
		expect(await cli(['import', '--store', 'memory://', join(temp(), 'missing.csv')])).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
		const anonymous = writeTempFile(temp(), 'anonymous.csv', 'Nome;Cidade\nAna;Recife\n');
		expect(await cli(['import', '--store', 'memory://', anonymous])).toMatchObject({ code: 1, stderr: expect.stringContaining('no column identifies a customer') });
		const broken = writeTempFile(temp(), 'broken.csv', 'email;nome\nok@example.org;Ok\nbad@example.org;"unclosed\n');
		const run = await cli(['import', '--store', 'memory://', broken]);
		expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('Quote Not Closed') });
		expect(await cli(['import', '--store', 'memory://'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give one CSV file') });
		expect(await cli(['import', '--store', 'postgres://u:pw@127.0.0.1:1/db', anonymous])).toMatchObject({ code: 1, stderr: expect.stringContaining('connection refused') });
	});
});
