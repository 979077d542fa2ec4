/** Coach's words for the report's ids: offer kinds, stages, levers, warnings. */
import type { LeverId, Stage } from '../../../domain/analysis/report.ts';
import type { OfferKind } from '../../../domain/model.ts';

export const KIND_LABELS: Record<OfferKind, string> = {
  one_to_one: '1:1',
  package: 'Package',
  retainer: 'Retainer',
  group_program: 'Group program',
  workshop: 'Workshop',
  team_delivered: 'Team-delivered',
  info_product: 'Info product',
  membership: 'Membership',
  licensing: 'Licensing',
  other: 'Other',
};

export const STAGE_LABELS: Record<Stage, { label: string; color: string; text: string }> = {
  foundation: {
    label: 'Foundation',
    color: 'orange',
    text: 'Service income is under half its target: build the 1:1 base first.',
  },
  building: {
    label: 'Building',
    color: 'yellow',
    text: 'Not every foundation criterion is met yet: products are not the next step.',
  },
  ready: {
    label: 'Ready',
    color: 'teal',
    text: 'Every criterion is met and no product earns yet: a product could be a next step.',
  },
  leveraging: {
    label: 'Leveraging',
    color: 'blue',
    text: 'Every criterion is met and products earn on top of the service income.',
  },
};

export const LEVER_LABELS: Record<LeverId, string> = {
  raise_rates: 'Raise your rates',
  best_channel: 'Do more of your best channel',
  referrals: 'Ask for referrals',
  more_conversations: 'Have more sales conversations',
};

export const WARNING_TEXTS: Record<string, string> = {
  products_before_foundation:
    'Products took revenue or hours in this period before the foundation is in place — the trap the "passive revenue" advice sets.',
};
