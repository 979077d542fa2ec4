/**
 * Windows time-zone names as Outlook and Exchange write them in TZID, mapped to IANA:
 * the ids (`W. Europe Standard Time`, from CLDR windowsZones.xml, territory 001) and the
 * OWA display names after their offset (`(UTC-05:00) Eastern Time (US & Canada)`).
 * The common zones only; an unknown display name falls back to its fixed offset.
 */

/** Windows zone id → IANA zone (CLDR windowsZones, "001" rows). */
const WINDOWS_IDS: Record<string, string> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Mountain Standard Time': 'America/Denver',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time (Mexico)': 'America/Cancun',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indiana/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Paraguay Standard Time': 'America/Asuncion',
  'Atlantic Standard Time': 'America/Halifax',
  'Central Brazilian Standard Time': 'America/Cuiaba',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Argentina/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Greenland Standard Time': 'America/Nuuk',
  'Montevideo Standard Time': 'America/Montevideo',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  UTC: 'Etc/UTC',
  'Coordinated Universal Time': 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'Middle East Standard Time': 'Asia/Beirut',
  'Egypt Standard Time': 'Africa/Cairo',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kyiv',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Jordan Standard Time': 'Asia/Amman',
  'Syria Standard Time': 'Asia/Damascus',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arabic Standard Time': 'Asia/Baghdad',
  'Arab Standard Time': 'Asia/Riyadh',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Azerbaijan Standard Time': 'Asia/Baku',
  'Georgian Standard Time': 'Asia/Tbilisi',
  'Caucasus Standard Time': 'Asia/Yerevan',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'West Asia Standard Time': 'Asia/Tashkent',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Kolkata',
  'Sri Lanka Standard Time': 'Asia/Colombo',
  'Nepal Standard Time': 'Asia/Kathmandu',
  'Central Asia Standard Time': 'Asia/Almaty',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'Myanmar Standard Time': 'Asia/Yangon',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'North Asia Standard Time': 'Asia/Krasnoyarsk',
  'China Standard Time': 'Asia/Shanghai',
  'North Asia East Standard Time': 'Asia/Irkutsk',
  'Singapore Standard Time': 'Asia/Singapore',
  'W. Australia Standard Time': 'Australia/Perth',
  'Taipei Standard Time': 'Asia/Taipei',
  'Ulaanbaatar Standard Time': 'Asia/Ulaanbaatar',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Yakutsk Standard Time': 'Asia/Yakutsk',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'Tasmania Standard Time': 'Australia/Hobart',
  'Vladivostok Standard Time': 'Asia/Vladivostok',
  'Central Pacific Standard Time': 'Pacific/Guadalcanal',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Fiji Standard Time': 'Pacific/Fiji',
  'Tonga Standard Time': 'Pacific/Tongatapu',
  'Samoa Standard Time': 'Pacific/Apia',
  'Line Islands Standard Time': 'Pacific/Kiritimati',
};

/** OWA display names (the text after `(UTC±hh:mm)`) → IANA zone. */
const DISPLAY_NAMES: Record<string, string> = {
  'International Date Line West': 'Etc/GMT+12',
  Hawaii: 'Pacific/Honolulu',
  Alaska: 'America/Anchorage',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  'Pacific Time (US & Canada); Tijuana': 'America/Los_Angeles',
  Arizona: 'America/Phoenix',
  'Mountain Time (US & Canada)': 'America/Denver',
  'Central America': 'America/Guatemala',
  'Central Time (US & Canada)': 'America/Chicago',
  'Guadalajara, Mexico City, Monterrey': 'America/Mexico_City',
  Saskatchewan: 'America/Regina',
  'Bogota, Lima, Quito': 'America/Bogota',
  'Bogota, Lima, Quito, Rio Branco': 'America/Bogota',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Indiana (East)': 'America/Indiana/Indianapolis',
  'Atlantic Time (Canada)': 'America/Halifax',
  'Georgetown, La Paz, Manaus, San Juan': 'America/La_Paz',
  Santiago: 'America/Santiago',
  Newfoundland: 'America/St_Johns',
  Brasilia: 'America/Sao_Paulo',
  'Buenos Aires': 'America/Argentina/Buenos_Aires',
  'City of Buenos Aires': 'America/Argentina/Buenos_Aires',
  'Cayenne, Fortaleza': 'America/Cayenne',
  Greenland: 'America/Nuuk',
  Montevideo: 'America/Montevideo',
  Azores: 'Atlantic/Azores',
  'Cabo Verde Is.': 'Atlantic/Cape_Verde',
  'Cape Verde Is.': 'Atlantic/Cape_Verde',
  'Coordinated Universal Time': 'Etc/UTC',
  'Dublin, Edinburgh, Lisbon, London': 'Europe/London',
  'Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London': 'Europe/London',
  'Monrovia, Reykjavik': 'Atlantic/Reykjavik',
  Casablanca: 'Africa/Casablanca',
  'Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna': 'Europe/Berlin',
  'Belgrade, Bratislava, Budapest, Ljubljana, Prague': 'Europe/Budapest',
  'Brussels, Copenhagen, Madrid, Paris': 'Europe/Paris',
  'Sarajevo, Skopje, Warsaw, Zagreb': 'Europe/Warsaw',
  'West Central Africa': 'Africa/Lagos',
  'Athens, Bucharest': 'Europe/Bucharest',
  'Athens, Bucharest, Istanbul': 'Europe/Bucharest',
  Beirut: 'Asia/Beirut',
  Cairo: 'Africa/Cairo',
  Chisinau: 'Europe/Chisinau',
  'Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius': 'Europe/Kyiv',
  'Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius': 'Europe/Kyiv',
  Jerusalem: 'Asia/Jerusalem',
  'Harare, Pretoria': 'Africa/Johannesburg',
  Amman: 'Asia/Amman',
  Damascus: 'Asia/Damascus',
  Istanbul: 'Europe/Istanbul',
  Baghdad: 'Asia/Baghdad',
  'Kuwait, Riyadh': 'Asia/Riyadh',
  'Moscow, St. Petersburg': 'Europe/Moscow',
  'Moscow, St. Petersburg, Volgograd': 'Europe/Moscow',
  Nairobi: 'Africa/Nairobi',
  Tehran: 'Asia/Tehran',
  'Abu Dhabi, Muscat': 'Asia/Dubai',
  Baku: 'Asia/Baku',
  Tbilisi: 'Asia/Tbilisi',
  Yerevan: 'Asia/Yerevan',
  Kabul: 'Asia/Kabul',
  'Ashgabat, Tashkent': 'Asia/Tashkent',
  'Islamabad, Karachi': 'Asia/Karachi',
  'Chennai, Kolkata, Mumbai, New Delhi': 'Asia/Kolkata',
  'Sri Jayawardenepura': 'Asia/Colombo',
  Kathmandu: 'Asia/Kathmandu',
  Astana: 'Asia/Almaty',
  Dhaka: 'Asia/Dhaka',
  'Yangon (Rangoon)': 'Asia/Yangon',
  'Bangkok, Hanoi, Jakarta': 'Asia/Bangkok',
  Krasnoyarsk: 'Asia/Krasnoyarsk',
  'Beijing, Chongqing, Hong Kong, Urumqi': 'Asia/Shanghai',
  Irkutsk: 'Asia/Irkutsk',
  'Kuala Lumpur, Singapore': 'Asia/Singapore',
  Perth: 'Australia/Perth',
  Taipei: 'Asia/Taipei',
  Ulaanbaatar: 'Asia/Ulaanbaatar',
  'Osaka, Sapporo, Tokyo': 'Asia/Tokyo',
  Seoul: 'Asia/Seoul',
  Yakutsk: 'Asia/Yakutsk',
  Adelaide: 'Australia/Adelaide',
  Darwin: 'Australia/Darwin',
  Brisbane: 'Australia/Brisbane',
  'Canberra, Melbourne, Sydney': 'Australia/Sydney',
  'Guam, Port Moresby': 'Pacific/Port_Moresby',
  Hobart: 'Australia/Hobart',
  Vladivostok: 'Asia/Vladivostok',
  'Solomon Is., New Caledonia': 'Pacific/Guadalcanal',
  'Auckland, Wellington': 'Pacific/Auckland',
  Fiji: 'Pacific/Fiji',
  "Nuku'alofa": 'Pacific/Tongatapu',
  Samoa: 'Pacific/Apia',
  'Kiritimati Island': 'Pacific/Kiritimati',
};

/** Case, punctuation and spacing do not matter: `w europe standard time`. */
function key(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9+-]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, string>([
  ...Object.entries(WINDOWS_IDS).map(([k, v]) => [key(k), v] as const),
  ...Object.entries(DISPLAY_NAMES).map(([k, v]) => [key(k), v] as const),
]);

const OWA = /^\(\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\s*\)\s*(.*)$/i;

/**
 * The IANA zone of a Windows zone id or OWA display name, or the fixed offset (minutes
 * east of UTC) an unknown display name states, or null.
 * @example windowsZone('W. Europe Standard Time') // { iana: 'Europe/Berlin' }
 * @example windowsZone('(UTC-05:00) Eastern Time (US & Canada)') // { iana: 'America/New_York' }
 * @example windowsZone('(UTC+05:45) Somewhere New') // { offsetMinutes: 345 }
 */
export function windowsZone(tzid: string): { iana: string } | { offsetMinutes: number } | null {
  const direct = BY_KEY.get(key(tzid));
  if (direct) return { iana: direct };
  const owa = OWA.exec(tzid.trim());
  if (!owa) return null;
  const named = BY_KEY.get(key(owa[4] ?? ''));
  if (named) return { iana: named };
  const minutes = Number(owa[2] ?? 0) * 60 + Number(owa[3] ?? 0);
  return { offsetMinutes: owa[1] === '-' ? -minutes : minutes };
}

/** Every IANA zone the tables name (for tests). */
export function mappedZones(): string[] {
  return [...new Set(BY_KEY.values())];
}
