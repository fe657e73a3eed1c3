/** The demo accounts of `npm run admin -- demo`: one member and one lead per country, one reviewer per organisation. */
import type { GroupCode, Role } from '../shared/workspace';

export const DEMO_PASSWORD = 'demo-syllabus-2026';

export const DEMO_PEOPLE: { email: string; name: string; role: Role; group: GroupCode }[] = [
  { email: 'kz.member@demo.local', name: 'Айгерім Сапарова', role: 'member', group: 'KZ' },
  { email: 'kz.lead@demo.local', name: 'Ерлан Жұмабаев', role: 'lead', group: 'KZ' },
  { email: 'kg.member@demo.local', name: 'Нурлан Абдыкадыров', role: 'member', group: 'KG' },
  { email: 'kg.lead@demo.local', name: 'Гүлнара Өмүрбекова', role: 'lead', group: 'KG' },
  { email: 'tj.member@demo.local', name: 'Фарида Раҳимова', role: 'member', group: 'TJ' },
  { email: 'tj.lead@demo.local', name: 'Ҷамшед Қодиров', role: 'lead', group: 'TJ' },
  { email: 'tm.member@demo.local', name: 'Merdan Orazow', role: 'member', group: 'TM' },
  { email: 'tm.lead@demo.local', name: 'Aýna Şükürowa', role: 'lead', group: 'TM' },
  { email: 'uz.member@demo.local', name: 'Dilnoza Karimova', role: 'member', group: 'UZ' },
  { email: 'uz.lead@demo.local', name: 'Oʻtkir Gʻulomov', role: 'lead', group: 'UZ' },
  { email: 'iom.reviewer@demo.local', name: 'Anna Keller', role: 'reviewer', group: 'IOM' },
  { email: 'tspc.reviewer@demo.local', name: 'Азамат Исаков', role: 'reviewer', group: 'TSPC' },
];
