/**
 * Imports through the API on both engines: a multipart upload previews (writing
 * nothing) and keeps the files under a token; the commit imports them; an upload
 * without preview imports at once; tokens are single-use, per user and practice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { countRecords } from '../src/store/records.repository.ts';
import { Agent, buildApp, grant, importPractice, repoRoot, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';
import { sharedFixturePath } from './shared-fixtures.ts';

const STRIPE = path.join(repoRoot, 'test/fixtures/stripe/unified_payments.csv');
const TOGGL = () => sharedFixturePath('toggl/solidtime_toggl_time_entries_import_test_1.csv');

function form(files: string[], fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const file of files)
    data.append('files', new File([readFileSync(file)], path.basename(file), { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

type Report = {
  preview: boolean;
  uploadToken?: string;
  files: { file: string; format: string; rows: number; added: Record<string, number> }[];
};

describeEachEngine('API: imports', (ctx) => {
  async function editorOf() {
    const app = buildApp(ctx.store);
    const ed = await signedUp(app, 'ed@example.com');
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, ed, id, 'editor');
    return { app, ed, id, base: `/api/practices/${id}` };
  }

  it('previews an upload without writing, then commits it by token', async () => {
    const { ed, id, base } = await editorOf();
    const before = await countRecords(ctx.store.db, id);
    const preview = await ed.post(`${base}/imports`, form([STRIPE, TOGGL()], { preview: 'true' }));
    expect(preview.status, preview.text).toBe(200);
    const report = preview.body as Report;
    expect(report.preview).toBe(true);
    expect(report.files.map((f) => [f.file, f.format])).toEqual([
      ['unified_payments.csv', expect.stringMatching(/stripe/)],
      ['solidtime_toggl_time_entries_import_test_1.csv', expect.stringMatching(/toggl/)],
    ]);
    const wouldAdd = report.files[0]!.added.payments!;
    expect(wouldAdd).toBeGreaterThan(0);
    expect(report.uploadToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await countRecords(ctx.store.db, id)).toEqual(before);

    const committed = await ed.post(`${base}/imports/commit`, { uploadToken: report.uploadToken });
    expect(committed.status, committed.text).toBe(200);
    const done = committed.body as Report;
    expect(done.preview).toBe(false);
    expect(done.files[0]!.added.payments).toBe(wouldAdd);
    expect(done.files[1]!.added.timeEntries).toBe(report.files[1]!.added.timeEntries);
    const after = await countRecords(ctx.store.db, id);
    expect(after.payments).toBe(before.payments + wouldAdd);

    // A token is used once.
    const again = await ed.post(`${base}/imports/commit`, { uploadToken: report.uploadToken });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'upload_expired' });
  });

  it('imports at once without preview, and adds nothing the second time', async () => {
    const { ed, id, base } = await editorOf();
    const first = await ed.post(`${base}/imports`, form([STRIPE]));
    expect(first.status, first.text).toBe(200);
    const added = (first.body as Report).files[0]!.added.payments!;
    expect(added).toBeGreaterThan(0);
    expect((first.body as Report).uploadToken).toBeUndefined();
    const second = await ed.post(`${base}/imports`, form([STRIPE]));
    expect((second.body as Report).files[0]!.added.payments).toBe(0);
    const unassigned = await ed.get(`${base}/unassigned?limit=5`);
    expect(unassigned.status).toBe(200);
    expect((await countRecords(ctx.store.db, id)).payments).toBe(4 + added);
  });

  it('keeps an upload for its uploader, practice and a short time only', async () => {
    const { app, ed, id, base } = await editorOf();
    const token = (
      (await ed.post(`${base}/imports`, form([STRIPE], { preview: 'true' }))).body as Report
    ).uploadToken;
    const other = await signedUp(app, 'other@example.com');
    await grant(ctx.store, other, id, 'editor');
    expect((await other.post(`${base}/imports/commit`, { uploadToken: token })).status).toBe(410);
    const late = new Agent(buildApp(ctx.store, { now: () => new Date('2026-11-25T10:16:00Z') }));
    late.cookies.set('fulcrum_session', ed.cookies.get('fulcrum_session')!);
    late.csrf = ed.csrf;
    // Another app (another server process) never saw the upload.
    expect((await late.post(`${base}/imports/commit`, { uploadToken: token })).status).toBe(410);
    // The uploader's own server still has it.
    expect((await ed.post(`${base}/imports/commit`, { uploadToken: token })).status).toBe(200);
  });

  it('forgets an upload after 15 minutes', async () => {
    const { ed, id } = await editorOf();
    let clock = new Date('2026-11-25T10:00:00Z');
    const app = buildApp(ctx.store, { now: () => clock });
    const agent = new Agent(app);
    agent.cookies.set('fulcrum_session', ed.cookies.get('fulcrum_session')!);
    agent.csrf = ed.csrf;
    const base = `/api/practices/${id}`;
    const token = (
      (await agent.post(`${base}/imports`, form([STRIPE], { preview: 'true' }))).body as Report
    ).uploadToken;
    clock = new Date('2026-11-25T10:15:01Z');
    expect((await agent.post(`${base}/imports/commit`, { uploadToken: token })).status).toBe(410);
  });

  it('answers a bad upload clearly: not multipart, no file, a broken file, too large', async () => {
    const { app, ed, base } = await editorOf();
    const json = await ed.post(`${base}/imports`, { files: 'x' });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: 'unsupported_media_type' });
    const empty = new FormData();
    empty.append('preview', 'true');
    const none = await ed.post(`${base}/imports`, empty);
    expect(none.status).toBe(400);
    expect((none.body as { problems: { path: string }[] }).problems[0]!.path).toBe('body.files');
    const junk = new FormData();
    junk.append('files', new File(['not,a\nknown,export\n1,2\n'], 'junk.csv'));
    const unknown = await ed.post(`${base}/imports`, junk);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'import_failed' });
    const small = new Agent(buildApp(ctx.store, { maxUploadBytes: 1024 }));
    small.cookies.set('fulcrum_session', ed.cookies.get('fulcrum_session')!);
    small.csrf = ed.csrf;
    const big = await small.post(`${base}/imports`, form([STRIPE]));
    expect(big.status).toBe(413);
    expect(app).toBeDefined();
  });
});
