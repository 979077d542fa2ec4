/**
 * Invented people for the demo: US nurses and clinicians, a few European nurses, and
 * prospects named the way a coach writes them in a CRM ("J. Lee"). Emails use the
 * reserved example.* domains so no real inbox is ever named.
 */
import type { Rng } from './random.ts';

const FIRST = [
  'Ana',
  'Brianna',
  'Carmen',
  'Danielle',
  'Erin',
  'Fatima',
  'Grace',
  'Hannah',
  'Imani',
  'Jasmine',
  'Kayla',
  'Lauren',
  'Maria',
  'Nicole',
  'Olivia',
  'Priya',
  'Rachel',
  'Shanice',
  'Tiffany',
  'Vanessa',
  'Whitney',
  'Yolanda',
  'Zoe',
  'Aisha',
  'Bethany',
  'Crystal',
  'Diana',
  'Emily',
  'Gabriela',
  'Heather',
  'Jenna',
  'Keisha',
  'Lindsey',
  'Megan',
  'Natalie',
  'Paige',
  'Rosa',
  'Stephanie',
  'Tamara',
  'Valerie',
  'Amber',
  'Chloe',
  'Destiny',
  'Elena',
  'Jocelyn',
  'Kristen',
  'Leah',
  'Monique',
  'Noelle',
  'Renee',
  'Sabrina',
  'Tasha',
  'Marcus',
  'David',
  'James',
  'Kevin',
  'Luis',
  'Andre',
  'Brian',
  'Jamal',
  'Tyler',
  'Samuel',
  'Mei',
  'Linh',
  'Joy',
  'Ebony',
  'Latoya',
  'Kimberly',
  'Courtney',
  'Alyssa',
];

const LAST = [
  'Ruiz',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Patel',
  'Okafor',
  'Kim',
  'Chen',
  'Washington',
  'Brooks',
  'Reyes',
  'Coleman',
  'Jenkins',
  'Bryant',
  'Russell',
  'Griffin',
  'Diaz',
  'Hayes',
  'Myers',
  'Ford',
  'Hamilton',
  'Graham',
  'Sullivan',
  'Wallace',
];

const EU_FIRST = [
  'Aoife',
  'Siobhan',
  'Niamh',
  'Sanne',
  'Femke',
  'Lotte',
  'Katrin',
  'Lena',
  'Marta',
  'Ines',
  'Sofie',
  'Ciara',
];

const EU_LAST = [
  'Murphy',
  "O'Brien",
  'Byrne',
  'de Vries',
  'Jansen',
  'Bakker',
  'Schmidt',
  'Weber',
  'Novak',
  'Costa',
  'Lindqvist',
  'Kelly',
];

const DOMAINS = ['example.com', 'example.org', 'example.net'];

export interface Person {
  name: string;
  email: string;
}

/** Hands out names, never the same one twice. */
export class NameBook {
  private readonly used = new Set<string>();
  private readonly emails = new Set<string>();

  constructor(private readonly rng: Rng) {}

  person(european = false, nurse = true): Person {
    const first = european ? EU_FIRST : FIRST;
    const last = european ? EU_LAST : LAST;
    for (let tries = 0; ; tries++) {
      const f = this.rng.pick(first);
      const l = this.rng.pick(last);
      const name = tries < 50 ? `${f} ${l}` : `${f} ${this.rng.pick(LAST).charAt(0)}. ${l}`;
      if (this.used.has(name)) continue;
      this.used.add(name);
      return { name, email: this.email(f, l, nurse) };
    }
  }

  /** A prospect as a coach notes one after a discovery call: "J. Lee". */
  prospect(): string {
    return `${this.rng.pick(FIRST).charAt(0)}. ${this.rng.pick(LAST)}`;
  }

  private email(first: string, last: string, nurse: boolean): string {
    const f = first.toLowerCase();
    const l = last.toLowerCase().replace(/[^a-z]/g, '');
    let local = this.rng.weighted<string>([
      [`${f}.${l}`, 5],
      [`${f}${l.charAt(0)}`, 1],
      [nurse ? `${f.charAt(0)}${l}.rn` : `${f.charAt(0)}${l}`, 2],
      [`${f}_${l}${this.rng.int(10, 99)}`, 1],
    ]);
    while (this.emails.has(local)) local = `${f}.${l}${this.rng.int(2, 99)}`;
    this.emails.add(local);
    return `${local}@${this.rng.pick(DOMAINS)}`;
  }
}
