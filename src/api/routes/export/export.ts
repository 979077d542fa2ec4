/**
 * Exports: the practice as a bundle (JSON, what `fulcrum export` writes) and its
 * payments, time entries and costs as CSV tables (see csv.ts), each with the names of
 * the offers and clients its ids point to.
 */
import { exportAs, practiceDataAs } from '../../../app/as-member.ts';
import type { PracticeData } from '../../../domain/model.ts';
import type { Deps } from '../../context.ts';
import { errors, json, practiceErrors, practiceParams } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import { csvDocument, formatMinor } from './csv.ts';
import { bundleSchema, type CSV_TABLES, csvParams } from './schema.ts';

const tags = ['export'];

const bundle = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/export',
  tags,
  summary: 'The practice as a bundle (spec/bundle.md), as a download',
  request: { params: practiceParams },
  responses: { 200: json(bundleSchema, 'The bundle'), ...errors(...practiceErrors) },
});

const csv = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/export/{table}',
  tags,
  summary: 'Payments, time entries or costs as a CSV download',
  request: { params: csvParams },
  responses: {
    200: {
      description: 'CSV (UTF-8 with BOM, CRLF)',
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
    ...errors(...practiceErrors),
  },
});

function fileName(name: string, suffix: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'practice';
  return `${safe}${suffix}`;
}

/** One CSV table of the practice's records. */
function table(b: PracticeData, which: (typeof CSV_TABLES)[number]): string {
  const offers = new Map(b.offers.map((o) => [o.id, o.name]));
  const clients = new Map(b.clients.map((c) => [c.id, c.name]));
  const offer = (id?: string | null) => (id ? (offers.get(id) ?? '') : '');
  const client = (id?: string | null) => (id ? (clients.get(id) ?? '') : '');
  if (which === 'payments.csv') {
    return csvDocument(
      [
        'id',
        'date',
        'amount',
        'currency',
        'fee',
        'offerId',
        'offer',
        'clientId',
        'client',
        'externalId',
        'note',
      ],
      b.payments.map((p) => [
        p.id,
        p.date,
        formatMinor(p.amount, p.currency),
        p.currency,
        formatMinor(p.fee, p.currency),
        p.offerId,
        offer(p.offerId),
        p.clientId,
        client(p.clientId),
        p.externalId,
        p.note,
      ]),
    );
  }
  if (which === 'time-entries.csv') {
    return csvDocument(
      [
        'id',
        'date',
        'hours',
        'activity',
        'offerId',
        'offer',
        'clientId',
        'client',
        'channel',
        'note',
      ],
      b.timeEntries.map((t) => [
        t.id,
        t.date,
        t.hours,
        t.activity,
        t.offerId,
        offer(t.offerId),
        t.clientId,
        client(t.clientId),
        t.channel,
        t.note,
      ]),
    );
  }
  return csvDocument(
    ['id', 'date', 'amount', 'currency', 'offerId', 'offer', 'channel', 'category'],
    b.costs.map((k) => [
      k.id,
      k.date,
      formatMinor(k.amount, k.currency),
      k.currency,
      k.offerId,
      offer(k.offerId),
      k.channel,
      k.category,
    ]),
  );
}

export function exportRoutes(deps: Deps) {
  return router()
    .openapi(bundle, async (c) => {
      const document = await exportAs(deps.store, c.get('access'));
      c.header(
        'Content-Disposition',
        `attachment; filename="${fileName(document.practice.name, '.json')}"`,
      );
      return c.json(document as unknown as Record<string, unknown>, 200);
    })
    .openapi(csv, async (c) => {
      const which = c.req.valid('param').table;
      const document = await practiceDataAs(deps.store, c.get('access'));
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header(
        'Content-Disposition',
        `attachment; filename="${fileName(document.practice.name, `-${which}`)}"`,
      );
      return c.body(table(document, which), 200);
    });
}
