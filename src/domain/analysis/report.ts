/**
 * The report document of spec/analysis.md ("Output"): the JSON `fulcrum report --json`
 * prints, the API returns and the page shows. Field names are the spec's; the fields
 * marked "added" are extras the spec allows.
 */
import type { IsoDate } from '../dates.ts';
import type { Activity, OfferKind } from '../model.ts';

export type HoursByActivity = Record<Activity, number> & { total: number };

export interface StreamReport {
  offerId: string;
  name: string;
  kind: OfferKind;
  revenue: number;
  costs: number;
  net: number;
  hours: HoursByActivity;
  hiddenHours: number;
  effectiveHourlyRate: number | null;
  leverage: number | null;
  lifetime: {
    /** Added: revenue over every date ≤ to. */
    revenue: number;
    /** Added: costs over every date ≤ to. */
    costs: number;
    net: number;
    hours: number;
    hiddenHours: number;
    effectiveHourlyRate: number | null;
  };
  /** Product kinds only; null for the others. */
  beatsBaseline: boolean | null;
}

export type CriterionId =
  | 'years_in_business'
  | 'buyers'
  | 'niche'
  | 'service_income'
  | 'sales_experience';

export interface Criterion {
  id: CriterionId;
  value: number;
  target: number;
  met: boolean;
  /** Added: a coach's name for the criterion. */
  label: string;
  /** Added: what `value` and `target` count. */
  unit: 'years' | 'clients' | 'share' | 'money' | 'conversations';
  /** Added: how far below the target the value is (0 when at or above it). */
  gap: number;
  /** Added: the facts behind the value (the segment, the month window, …). */
  detail: Record<string, string | number | null>;
}

export type Stage = 'foundation' | 'building' | 'ready' | 'leveraging';
export type Warning = 'products_before_foundation';

export interface Readiness {
  ready: boolean;
  stage: Stage;
  warnings: Warning[];
  criteria: Criterion[];
}

export interface ChannelFigures {
  newClients: number;
  revenue: number;
  marketingHours: number;
  marketingCosts: number;
  yieldPerHour: number | null;
}

export interface RaiseRatesDetails {
  breakEvenClientLoss: number;
  /** Added: S, the service revenue in P the raise applies to. */
  serviceRevenue: number;
}

export interface BestChannelDetails {
  best: string | null;
  /** Added: the measured channel the hours would move from (null with fewer than two). */
  worst: string | null;
  channels: Record<string, ChannelFigures>;
}

export interface ReferralsDetails {
  referralRate: number;
  referredNew: number;
  activeClients: number;
  avgNewClientRevenue: number;
  /** Added. */
  newClients: number;
}

export interface MoreConversationsDetails {
  closeRate: number | null;
  valuePerConversation: number | null;
  capped: boolean;
  /** Added: conversations in P by outcome. */
  enrolled: number;
  declined: number;
  /** Added: the impact before the capacity cap. */
  uncappedImpact: number;
  /** Added: delivery hours a year the extra clients need (null without a capacity). */
  extraHours: number | null;
  /** Added: weeklyCapacityHours × 52 − hours.total(P) × f (null without a capacity). */
  spareHours: number | null;
  /** Added: delivery hours in P on new clients ÷ their count. */
  deliveryHoursPerNewClient: number;
}

interface LeverBase {
  /** Practice currency, major units, rounded to the minor unit; never negative. */
  annualImpact: number;
  assumptions: Record<string, number>;
  explanation: string;
}

export type Lever =
  | (LeverBase & { id: 'raise_rates'; details: RaiseRatesDetails })
  | (LeverBase & { id: 'best_channel'; details: BestChannelDetails })
  | (LeverBase & { id: 'referrals'; details: ReferralsDetails })
  | (LeverBase & { id: 'more_conversations'; details: MoreConversationsDetails });

export type LeverId = Lever['id'];

export interface Candidate {
  rung: number;
  distance: number;
  eligible: boolean;
  /** Unmet criteria ids (rungs 5, 6) and/or `live_sessions` (rungs 1, 4). */
  reasons: string[];
  /** Added: what the rung is. */
  label: string;
}

export interface Ladder {
  current: number;
  recommended: number | null;
  candidates: Candidate[];
}

export interface Report {
  period: { from: IsoDate; to: IsoDate; days: number };
  currency: string;
  totals: {
    revenue: number;
    costs: number;
    net: number;
    hours: number;
    effectiveHourlyRate: number | null;
    unassigned: {
      revenue: number;
      /** Added: fees of unassigned payments and costs with no offer. */
      costs: number;
      hours: number;
    };
  };
  baselineHourlyRate: number | null;
  streams: StreamReport[];
  readiness: Readiness;
  levers: Lever[];
  ladder: Ladder;
}
