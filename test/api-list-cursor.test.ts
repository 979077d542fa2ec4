/**
 * List pages by cursor (`after=<nextCursor>`) on both engines, on the demo practice (938
 * payments, up to 14 a day; 2,324 time entries) with some empty fields: walking the
 * cursor gives every record once, in the order and pages offset paging gives, for every
 * sort (ties on the sort value, empty values, numbers, stored order), with filters,
 * search and a period; the last page says so; bad cursors and cursors of another sort
 * are refused, and a cursor of another practice only reads the practice asked.
 */
import { expect, it } from 'vitest';
import { generateDemo } from '../src/domain/demo/index.ts';
import { createPractice } from '../src/store/practice.repository.ts';
import { loadPracticeData, savePracticeData } from '../src/store/records.repository.ts';
import { type Agent, buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

type Item = Record<string, unknown> & { id: string };
type Page = {
  total: number;
  limit: number;
  offset: number;
  items: Item[];
  nextCursor: string | null;
};

describeEachEngine('API: list pages by cursor', (ctx) => {
  /** The demo practice, with some clients' email and segment and some costs' category empty. */
  async function owned() {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const data = generateDemo();
    data.clients = data.clients.map((c, i) =>
      i % 3 === 0 ? { ...c, email: null, segment: null } : c,
    );
    data.costs = data.costs.map((c, i) => (i % 4 === 0 ? { ...c, category: null } : c));
    const id = await createPractice(ctx.store.db, data.practice);
    await savePracticeData(ctx.store.db, id, data);
    await grant(ctx.store, ana, id, 'owner');
    return { app, ana, id, base: `/api/practices/${id}` };
  }

  async function get(agent: Agent, url: string): Promise<Page> {
    const answer = await agent.get(url);
    expect(answer.status, answer.text).toBe(200);
    return answer.body as Page;
  }

  /** Every page of `url` by offset, `limit` at a time. */
  async function offsetPages(agent: Agent, url: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await get(
        agent,
        `${url}${url.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`,
      );
      if (page.items.length === 0) break;
      pages.push(page);
      if (offset + limit >= page.total) break;
    }
    return pages;
  }

  /** Every page of `url` by cursor, from the first page on. */
  async function cursorPages(agent: Agent, url: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const cursor: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
      const page = await get(
        agent,
        `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor}`,
      );
      pages.push(page);
      after = page.nextCursor;
      expect(pages.length).toBeLessThan(200);
    } while (after !== null);
    return pages;
  }

  const ids = (pages: Page[]) => pages.map((p) => p.items.map((i) => i.id));

  it('pages every list by cursor exactly as by offset, whatever the sort', async () => {
    const { ana, base, id } = await owned();
    // Each record as the store loads it (another path than the list's), to compare the items with.
    const stored = await loadPracticeData(ctx.store.db, id);
    const records = new Map<string, Map<string, unknown>>();
    for (const [path, name] of [
      ['payments', 'payments'],
      ['time-entries', 'timeEntries'],
      ['clients', 'clients'],
      ['costs', 'costs'],
      ['offers', 'offers'],
      ['conversations', 'conversations'],
    ] as const) {
      records.set(path, new Map(stored[name].map((r) => [r.id, r])));
    }
    const lists = [
      'payments',
      'payments?sort=-date',
      'payments?sort=amount',
      'payments?sort=-amount',
      'payments?sort=-currency',
      'payments?sort=id',
      'time-entries?sort=-hours',
      'time-entries?sort=activity',
      'clients',
      'clients?sort=name',
      'clients?sort=email',
      'clients?sort=-email',
      'clients?sort=-segment',
      'costs?sort=category',
      'costs?sort=-category',
      'offers?sort=price',
      'offers?sort=-price',
      'offers',
      'conversations?sort=-outcome',
    ];
    for (const list of lists) {
      const url = `${base}/${list}`;
      const byOffset = await offsetPages(ana, url, 97);
      const byCursor = await cursorPages(ana, url, 97);
      expect(ids(byCursor), list).toEqual(ids(byOffset));
      expect(
        byCursor.map((p) => p.items),
        list,
      ).toEqual(byOffset.map((p) => p.items));
      const total = byOffset[0]!.total;
      expect(byCursor.every((p) => p.total === total && p.limit === 97 && p.offset === 0)).toBe(
        true,
      );
      expect(new Set(byCursor.flatMap((p) => p.items.map((i) => i.id))).size, list).toBe(total);
      const known = records.get(list.split('?')[0]!)!;
      expect(known.size).toBe(total);
      for (const item of byCursor.flatMap((p) => p.items))
        expect(item, list).toEqual(known.get(item.id));
      // Only the last page has no cursor.
      expect(byCursor.map((p) => p.nextCursor === null)).toEqual(
        byCursor.map((_, i) => i === byCursor.length - 1),
      );
    }
  });

  it('keeps filters, search and the period, and counts an offset from the cursor', async () => {
    const { ana, base } = await owned();
    const all = await get(ana, `${base}/payments?limit=1`);
    const offer = all.items[0]!.offerId as string;
    for (const list of [
      `payments?sort=-date&offerId=${offer}`,
      'payments?sort=-amount&q=usd',
      'payments?sort=-date&from=2024-03-01&to=2025-02-28',
      'time-entries?sort=-date&activity=delivery',
    ]) {
      const url = `${base}/${list}`;
      expect(ids(await cursorPages(ana, url, 50)), list).toEqual(
        ids(await offsetPages(ana, url, 50)),
      );
    }
    const first = await get(ana, `${base}/payments?sort=-date&limit=40`);
    const skipped = await get(
      ana,
      `${base}/payments?sort=-date&limit=30&offset=25&after=${first.nextCursor}`,
    );
    const same = await get(ana, `${base}/payments?sort=-date&limit=30&offset=65`);
    expect(skipped.items).toEqual(same.items);
    expect(skipped).toMatchObject({ offset: 25, limit: 30, total: same.total });
  });

  it('ends with the last record: a last full page has no cursor, an exact fit no empty page', async () => {
    const { ana, base } = await owned();
    const offers = await cursorPages(ana, `${base}/offers?sort=name`, 3);
    expect(offers.map((p) => p.items.length)).toEqual([3, 3]);
    expect(offers[1]!.nextCursor).toBeNull();
    const one = await get(ana, `${base}/offers?sort=name&limit=6`);
    expect(one.nextCursor).toBeNull();
    const more = await get(ana, `${base}/offers?sort=name&limit=5`);
    expect(more.nextCursor).not.toBeNull();
    // By offset too, the page before the end carries a cursor and the last none.
    expect((await get(ana, `${base}/payments?limit=100&offset=800`)).nextCursor).not.toBeNull();
    const last = await get(ana, `${base}/payments?limit=100&offset=900`);
    expect(last.items.length).toBe(last.total - 900);
    expect(last.nextCursor).toBeNull();
  });

  it('refuses a cursor that is not one, and a cursor of another sort, with a clear 400', async () => {
    const { ana, base } = await owned();
    const page = await get(ana, `${base}/payments?sort=-date&limit=10`);
    const forged = (value: unknown) =>
      Buffer.from(JSON.stringify(['-amount', value, 'p1'])).toString('base64url');
    for (const after of ['not a cursor', 'W10', forged('12.5'), forged(12.5), forged(null)]) {
      const bad = await ana.get(`${base}/payments?sort=-amount&after=${encodeURIComponent(after)}`);
      expect(bad.status, after).toBe(400);
      const body = bad.body as { error: string; problems: { path: string; message: string }[] };
      expect(body.problems.map((p) => p.path)).toEqual(['query.after']);
      expect(body.problems[0]!.message).toMatch(/not a cursor/);
    }
    const otherSort = await ana.get(`${base}/payments?sort=amount&after=${page.nextCursor}`);
    expect(otherSort.status).toBe(400);
    expect((otherSort.body as { problems: { message: string }[] }).problems[0]!.message).toBe(
      'this cursor pages the sort "-date", not "amount": ask with sort=-date',
    );
    // The default sort of payments is the date, ascending: a cursor of `-date` is not it.
    expect((await ana.get(`${base}/payments?after=${page.nextCursor}`)).status).toBe(400);
    const ok = await ana.get(`${base}/payments?sort=-amount&after=${forged(12500)}`);
    expect(ok.status).toBe(200);
  });

  it("reads only the practice asked with a cursor of another practice's list", async () => {
    const { ana, base } = await owned();
    const other = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, ana, other, 'owner');
    const otherBase = `/api/practices/${other}`;
    const theirs = await get(ana, `${otherBase}/payments?sort=-date&limit=500`);
    const cursor = (await get(ana, `${base}/payments?sort=-date&limit=3`)).nextCursor;
    const read = await get(ana, `${otherBase}/payments?sort=-date&after=${cursor}`);
    const known = new Set(theirs.items.map((i) => i.id));
    expect(read.items.every((i) => known.has(i.id))).toBe(true);
    expect(read.total).toBe(theirs.total);
    // A stranger gets nothing, cursor or not.
    const bob = await signedUp(ana.app, 'bob@example.com');
    expect((await bob.get(`${otherBase}/payments?after=${cursor}`)).status).toBe(404);
  });
});
