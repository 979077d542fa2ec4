/**
 * PayPal's time-zone cells: the Activity download writes an abbreviation of the
 * account's zone (`PST`, `PDT`, `CET`, `CEST`…, changing with DST inside one file), the
 * monthly statement an IANA name (`America/Los_Angeles`) and sometimes an abbreviation.
 * Both become a way to place the row's wall-clock time in UTC.
 */
import { isTimeZone } from '../../domain/dates.ts';
import { parseOffset } from '../timestamps.ts';

/**
 * Minutes east of UTC per abbreviation. Ambiguous ones take the reading PayPal's users
 * most likely see: `CST` is US Central (not China), `IST` India, `BST` British Summer.
 */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  HDT: -540,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BRT: -180,
  ART: -180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  PHT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  SAST: 120,
  WAT: 60,
  CAT: 120,
  EAT: 180,
  GST: 240,
  PKT: 300,
  ICT: 420,
  WIB: 420,
};

/** How a row's clock is anchored: a fixed offset or an IANA zone. */
export type PayPalClock = { offsetMinutes: number } | { zone: string };

/** Reads a PayPal time-zone cell, or null when it names no zone we know. */
export function payPalClock(text: string): PayPalClock | null {
  const s = text.trim();
  if (!s) return null;
  const abbreviation = ABBREVIATIONS[s.toUpperCase()];
  if (abbreviation !== undefined) return { offsetMinutes: abbreviation };
  const offset = parseOffset(s);
  if (offset !== null) return { offsetMinutes: offset };
  if (s.includes('/') && isTimeZone(s)) return { zone: s };
  return null;
}
