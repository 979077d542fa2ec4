/**
 * Turning imported rows into the practice's records: the rules say which offer,
 * activity, channel and client; customers are matched to clients by email, then by
 * name, or become new clients; refunds inherit their payment's offer and client.
 * Pure: the import use case feeds it rows and writes what it returns.
 */
import type { Client, Cost, Payment, TimeEntry } from '../../domain/model.ts';
import type { Assignment } from '../../domain/rules/model.ts';
import type { RuleMatcher } from '../../importers/rules/compile.ts';
import type { ImportedRecord } from '../../importers/types.ts';

/** One imported row, planned: the record to write (null when it must wait in the inbox). */
export interface PlannedRow {
  /** The record id: `<format>:<source id>`, stable across re-imports. */
  id: string;
  source: ImportedRecord;
  format: string;
  assignment: Assignment;
  /** Time entries without an activity are not records yet: they wait for a rule. */
  record:
    | { kind: 'payment'; value: Payment }
    | { kind: 'time'; value: TimeEntry }
    | { kind: 'cost'; value: Cost }
    | null;
  /** A client created for this row's customer (first row that names them). */
  newClient: Client | null;
  /**
   * True when the row is left for the user: no rule assigned it and it has no offer, or
   * (time) it has no activity. A rule that sets only an activity or a channel counts as
   * a decision: admin hours need no offer.
   */
  unassigned: boolean;
}

/** What the planner knows of the practice before the import. */
export interface PlanContext {
  matcher: RuleMatcher;
  clients: readonly Client[];
  /** Offer and client of payments already stored, by record id (for refunds). */
  storedPayment(id: string): { offerId: string | null; clientId: string | null } | undefined;
}

const normalName = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** A short stable id for a new client, from what identifies them. */
function clientIdFor(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `c-${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

/** Plans rows one at a time, remembering clients and payments seen earlier in the import. */
export class ImportPlanner {
  private readonly byEmail = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly ids = new Set<string>();
  private readonly payments = new Map<
    string,
    { offerId: string | null; clientId: string | null }
  >();

  constructor(private readonly context: PlanContext) {
    for (const c of context.clients) this.remember(c);
  }

  /** True when a payment with this record id was planned in this import (and not forgotten). */
  remembers(paymentId: string): boolean {
    return this.payments.has(paymentId);
  }

  /**
   * Forgets payments planned earlier, once they are stored exactly as planned: a refund
   * of one of them then finds it through `storedPayment`, with the same offer and client,
   * and a long import does not keep every payment in memory.
   */
  forget(paymentIds: Iterable<string>): void {
    for (const id of paymentIds) this.payments.delete(id);
  }

  private remember(client: Client) {
    this.ids.add(client.id);
    if (client.email) this.byEmail.set(client.email.trim().toLowerCase(), client.id);
    if (client.name.trim()) {
      const key = normalName(client.name);
      if (!this.byName.has(key)) this.byName.set(key, client.id);
    }
  }

  /** The client of a customer: matched by email, then by name, else a new client. */
  private clientFor(customer: { email: string | null; name: string | null }): {
    id: string | null;
    created: Client | null;
  } {
    const email = customer.email?.trim().toLowerCase() || null;
    const name = customer.name?.trim() || null;
    const found = (email && this.byEmail.get(email)) || (name && this.byName.get(normalName(name)));
    if (found) return { id: found, created: null };
    if (!email && !name) return { id: null, created: null };
    let id = clientIdFor(email ?? normalName(name!));
    while (this.ids.has(id)) id = `${id}x`;
    const created: Client = {
      id,
      name: name ?? email!.split('@')[0]!,
      email: customer.email?.trim() || null,
      segment: null,
      source: null,
      referredBy: null,
    };
    this.remember(created);
    return { id, created };
  }

  plan(row: ImportedRecord, format: string): PlannedRow {
    const id = `${format}:${row.externalId}`;
    const assignment = this.context.matcher.apply(row, { format });
    let clientId = assignment.clientId;
    let newClient: Client | null = null;
    if (!clientId && row.kind === 'payment' && row.customer) {
      const match = this.clientFor(row.customer);
      clientId = match.id;
      newClient = match.created;
    }
    const note = row.attributes.description?.trim() || null;
    if (row.kind === 'payment') {
      let offerId = assignment.offerId;
      if (row.refundOf) {
        const original =
          this.payments.get(`${format}:${row.refundOf}`) ??
          this.context.storedPayment(`${format}:${row.refundOf}`);
        offerId ??= original?.offerId ?? null;
        clientId ??= original?.clientId ?? null;
      }
      this.payments.set(id, { offerId, clientId });
      const value: Payment = {
        id,
        date: row.date,
        amount: row.amount,
        currency: row.currency,
        fee: row.fee,
        clientId,
        offerId,
        externalId: row.externalId,
        note,
      };
      return {
        id,
        source: row,
        format,
        assignment,
        record: { kind: 'payment', value },
        newClient,
        unassigned: !offerId && !assignment.ruleIds.length,
      };
    }
    if (row.kind === 'cost') {
      const value: Cost = {
        id,
        date: row.date,
        amount: row.amount,
        currency: row.currency,
        offerId: assignment.offerId,
        channel: assignment.channel,
        category: row.attributes.category?.trim() || row.attributes.type?.trim() || null,
      };
      return {
        id,
        source: row,
        format,
        assignment,
        record: { kind: 'cost', value },
        newClient,
        unassigned: !value.offerId && !assignment.ruleIds.length,
      };
    }
    if (!assignment.activity) {
      return { id, source: row, format, assignment, record: null, newClient, unassigned: true };
    }
    const value: TimeEntry = {
      id,
      date: row.date,
      hours: row.hours,
      activity: assignment.activity,
      offerId: assignment.offerId,
      clientId,
      channel: assignment.channel,
      note,
    };
    return {
      id,
      source: row,
      format,
      assignment,
      record: { kind: 'time', value },
      newClient,
      unassigned: !value.offerId && !assignment.ruleIds.length,
    };
  }
}
