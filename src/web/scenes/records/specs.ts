/** The fields of each record resource as the lists and forms show them (the API's RECORD_FIELDS). */
import { ACTIVITIES, OFFER_KINDS, OUTCOMES } from '../../../domain/model.ts';
import type { FieldSpec } from '../../components/records/fields.ts';
import { KIND_LABELS } from '../dashboard/labels.ts';

const today = () => new Date().toISOString().slice(0, 10);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const OFFER_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Name', type: 'text', required: true, sort: 'name' },
  {
    name: 'kind',
    label: 'Kind',
    type: 'choice',
    required: true,
    sort: 'kind',
    filter: true,
    options: OFFER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
  },
  {
    name: 'price',
    label: 'Price',
    type: 'money',
    sort: 'price',
    min: 0,
    hint: 'In the practice currency; blank when it varies.',
  },
  { name: 'launchedOn', label: 'Launched on', type: 'date', sort: 'launchedOn' },
];

export const CLIENT_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Name', type: 'text', required: true, sort: 'name' },
  { name: 'email', label: 'Email', type: 'text', sort: 'email' },
  { name: 'segment', label: 'Segment', type: 'text', sort: 'segment', filter: true },
  {
    name: 'source',
    label: 'Source',
    type: 'text',
    sort: 'source',
    filter: true,
    hint: 'Where they came from: referral, podcast, …',
  },
  { name: 'referredBy', label: 'Referred by', type: 'client' },
];

export const PAYMENT_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Date', type: 'date', required: true, sort: 'date', initial: today },
  {
    name: 'amount',
    label: 'Amount',
    type: 'money',
    required: true,
    sort: 'amount',
    currencyField: 'currency',
    hint: 'A refund is negative.',
  },
  {
    name: 'currency',
    label: 'Currency',
    type: 'currency',
    required: true,
    sort: 'currency',
    filter: true,
  },
  { name: 'fee', label: 'Fee', type: 'money', currencyField: 'currency', min: 0 },
  { name: 'offerId', label: 'Offer', type: 'offer', filter: true },
  { name: 'clientId', label: 'Client', type: 'client' },
  { name: 'externalId', label: 'External id', type: 'text', list: false },
  { name: 'note', label: 'Note', type: 'text' },
];

export const TIME_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Date', type: 'date', required: true, sort: 'date', initial: today },
  {
    name: 'hours',
    label: 'Hours',
    type: 'number',
    required: true,
    sort: 'hours',
    min: 0.01,
    max: 24,
    step: 0.25,
  },
  {
    name: 'activity',
    label: 'Activity',
    type: 'choice',
    required: true,
    sort: 'activity',
    filter: true,
    options: ACTIVITIES.map((a) => ({ value: a, label: capital(a) })),
  },
  { name: 'offerId', label: 'Offer', type: 'offer', filter: true },
  { name: 'clientId', label: 'Client', type: 'client' },
  {
    name: 'channel',
    label: 'Channel',
    type: 'text',
    filter: true,
    hint: 'For marketing time: podcast, linkedin, …',
  },
  { name: 'note', label: 'Note', type: 'text' },
];

export const COST_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Date', type: 'date', required: true, sort: 'date', initial: today },
  {
    name: 'amount',
    label: 'Amount',
    type: 'money',
    required: true,
    sort: 'amount',
    currencyField: 'currency',
    min: 0,
  },
  { name: 'currency', label: 'Currency', type: 'currency', required: true, filter: true },
  { name: 'offerId', label: 'Offer', type: 'offer', filter: true },
  { name: 'channel', label: 'Channel', type: 'text', filter: true },
  { name: 'category', label: 'Category', type: 'text', sort: 'category', filter: true },
];

export const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: capital(o) }));

export const CONVERSATION_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Date', type: 'date', required: true, sort: 'date', initial: today },
  { name: 'prospect', label: 'Prospect', type: 'text', sort: 'prospect' },
  {
    name: 'outcome',
    label: 'Outcome',
    type: 'choice',
    required: true,
    sort: 'outcome',
    filter: true,
    options: OUTCOME_OPTIONS,
    initial: () => 'pending',
  },
  { name: 'offerId', label: 'Offer discussed', type: 'offer', filter: true },
  { name: 'channel', label: 'Channel', type: 'text', filter: true, hint: 'How they found you.' },
  { name: 'clientId', label: 'Client', type: 'client', hint: 'Once they are a client.' },
];
