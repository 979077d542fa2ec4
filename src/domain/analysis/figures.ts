/**
 * "How was this computed?" in one line for every figure of the report, keyed by a
 * figure id (the JSON path with the stream, criterion, lever or channel generalised:
 * `streams.effectiveHourlyRate`, `criteria.niche`, `levers.raise_rates`). The CLI and
 * the page's tooltips show these; docs/analysis.md says the same at more length.
 */

export const FIGURES = {
  'period.from':
    'First day of the period: given, or the day after the same date one year before "to".',
  'period.to':
    'Last day of the period: given, or the date of the latest payment, time entry, cost or conversation.',
  'period.days': 'Days in the period, both ends included; yearly figures multiply by 365 ÷ days.',
  currency:
    'Every amount is converted into this currency at its own date, rounded to the cent once.',
  'totals.revenue': 'All payments dated in the period, refunds subtracted.',
  'totals.costs': 'Processor fees of those payments plus every cost dated in the period.',
  'totals.net': 'Revenue − costs.',
  'totals.hours': 'Every hour logged in the period, whatever the activity.',
  'totals.effectiveHourlyRate': 'Net ÷ hours for the whole practice; blank with no hours.',
  'totals.unassigned.revenue':
    'Payments in the period not linked to any offer (in the totals only).',
  'totals.unassigned.costs': 'Fees of unlinked payments plus costs not linked to any offer.',
  'totals.unassigned.hours': 'Hours in the period not linked to any offer (in the totals only).',
  baselineHourlyRate:
    'Net of all 1:1 offers ÷ their hours in the period; with no 1:1 hours, the same over all service offers.',
  'streams.revenue': "The offer's payments dated in the period, refunds subtracted.",
  'streams.costs':
    "Fees of the offer's payments in the period plus costs in the period linked to the offer.",
  'streams.net': 'Revenue − costs.',
  'streams.hours': 'Hours in the period linked to the offer, by activity, and their total.',
  'streams.hiddenHours':
    'Hours on the offer that are not delivery: sales, marketing, creation, maintenance, admin.',
  'streams.effectiveHourlyRate': 'Net ÷ all hours on the offer in the period; blank with no hours.',
  'streams.leverage':
    'Effective hourly rate ÷ the 1:1 baseline; blank when either is missing or the baseline is not above 0.',
  'streams.lifetime.revenue': "The offer's payments on every date up to the period's end.",
  'streams.lifetime.costs': "The offer's fees and costs on every date up to the period's end.",
  'streams.lifetime.net': "Lifetime revenue − lifetime costs, every date up to the period's end.",
  'streams.lifetime.hours':
    "All hours on the offer up to the period's end, set-up before launch included.",
  'streams.lifetime.hiddenHours': 'Lifetime hours that are not delivery.',
  'streams.lifetime.effectiveHourlyRate':
    'Lifetime net ÷ lifetime hours: what the offer earned per hour since work on it began.',
  'streams.beatsBaseline':
    'Products only: does the lifetime hourly rate reach the 1:1 baseline? The passive-revenue myth test.',
  'readiness.ready': 'Yes when all five foundation criteria are met.',
  'readiness.stage':
    'foundation: service income under half its target; building: not ready; ready: ready, no product revenue yet; leveraging: ready and products earn.',
  'readiness.warnings.products_before_foundation':
    'Products took revenue or hours in the period before the foundation is in place.',
  'criteria.years_in_business':
    'Days from the start date (or the first payment) to the period end ÷ 365.25.',
  'criteria.buyers': "Clients whose payments up to the period's end add up to more than 0.",
  'criteria.niche':
    'Service revenue in the period from clients in the niche segment ÷ all service revenue in the period.',
  'criteria.service_income':
    'Service revenue in the last 3 full calendar months up to the period end ÷ 3.',
  'criteria.sales_experience':
    'Sales conversations in the period that ended enrolled or declined; met with enough of them and at least one enrolled.',
  'criteria.gap': 'How far the value is below its target (0 when met).',
  'assumptions.raise': 'raise_rates: how much rates go up, as a share (0.1 = 10%); editable.',
  'assumptions.uplift':
    'referrals: extra referrals a year per active client (0.1 = one per ten); editable.',
  'assumptions.extraPerWeek': 'more_conversations: extra sales conversations a week; editable.',
  'levers.raise_rates': 'raise × service revenue in the period × 365 ÷ days, rounded to the cent.',
  'levers.raise_rates.breakEvenClientLoss':
    'raise ÷ (1 + raise): the share of clients you could lose before the raise costs money.',
  'levers.raise_rates.serviceRevenue':
    'Service revenue in the period (payments to 1:1, package, retainer, group, workshop and team offers).',
  'levers.best_channel':
    '(best channel yield − worst channel yield) × the worst channel’s marketing hours × 365 ÷ days, rounded to the cent; 0 with fewer than two measured channels.',
  'levers.best_channel.yieldPerHour':
    "(Revenue in the period from the channel's new clients − its costs) ÷ its marketing hours.",
  'levers.best_channel.best': 'The measured channel with the highest yield per marketing hour.',
  'levers.best_channel.worst':
    'The measured channel with the lowest yield per marketing hour, whose hours would move.',
  'levers.best_channel.revenue': "Payments in the period of the channel's new clients.",
  'levers.best_channel.marketingHours': 'Marketing hours in the period logged to the channel.',
  'levers.best_channel.marketingCosts': 'Costs in the period linked to the channel.',
  'levers.best_channel.newClients':
    'Clients from the channel whose first payment falls in the period.',
  'levers.referrals':
    'uplift × active clients × average new-client revenue × 365 ÷ days, rounded to the cent.',
  'levers.referrals.referralRate':
    'New clients who came by referral ÷ active clients (clients who paid in the period).',
  'levers.referrals.referredNew': 'New clients with a referrer, or whose source is "referral".',
  'levers.referrals.activeClients': 'Clients with a payment above 0 in the period.',
  'levers.referrals.newClients': 'Clients whose first payment above 0 falls in the period.',
  'levers.referrals.avgNewClientRevenue':
    'Payments in the period of clients whose first payment falls in it ÷ their number.',
  'levers.more_conversations':
    '52 × extra conversations a week × close rate × average new-client revenue, scaled down to spare capacity; rounded to the cent.',
  'levers.more_conversations.closeRate':
    'Enrolled ÷ (enrolled + declined) conversations in the period.',
  'levers.more_conversations.valuePerConversation': 'Close rate × average new-client revenue.',
  'levers.more_conversations.enrolled': 'Sales conversations in the period that ended enrolled.',
  'levers.more_conversations.declined': 'Sales conversations in the period that ended declined.',
  'levers.more_conversations.uncappedImpact':
    '52 × extra conversations a week × close rate × average new-client revenue, before the capacity cap.',
  'levers.more_conversations.extraHours':
    '52 × extra conversations a week × close rate × delivery hours per new client.',
  'levers.more_conversations.spareHours':
    'Weekly capacity × 52 − hours worked in the period × 365 ÷ days.',
  'levers.more_conversations.deliveryHoursPerNewClient':
    'Delivery hours in the period on new clients ÷ their number.',
  'levers.more_conversations.capped':
    'True when the extra clients need more delivery hours a year than the weekly capacity leaves spare.',
  'ladder.current':
    'The highest rung among offers that brought at least 10% of revenue in the period (0 when none).',
  'ladder.recommended':
    'The nearest rung above the current one that fits your readiness and constraints; blank: the levers are the next step.',
  'ladder.candidates.rung':
    'A rung above the current one: 1 hourly 1:1, 2 packages, 3 high-ticket packages, 4 group work, 5 products, 6 beyond your own hours.',
  'ladder.candidates.reasons':
    'Why a rung does not fit yet: the unmet foundation criteria, or live_sessions.',
  'ladder.candidates.distance': 'Rungs between the candidate and the current rung.',
  'ladder.candidates.eligible':
    'Products (5) and scaling beyond your hours (6) need all criteria met; 1:1 (1) and group work (4) need live sessions.',
} as const satisfies Record<string, string>;

export type FigureId = keyof typeof FIGURES;

/**
 * The one-line "how computed" text of a figure.
 * @example describeFigure('streams.leverage') // 'Effective hourly rate ÷ the 1:1 baseline; …'
 */
export function describeFigure(id: FigureId): string {
  return FIGURES[id];
}

/**
 * True when `id` names a figure `describeFigure` knows.
 * @example isFigureId('streams.leverage') // true
 */
export function isFigureId(id: string): id is FigureId {
  return Object.hasOwn(FIGURES, id);
}
