/**
 * Creates the workspace on first start: the groups, the ten sections of the syllabus with their
 * English and Russian titles, the titles of the course and its parts, and one coordinator whose
 * generated password is returned once so that it can be printed. The coordinator's name is a
 * placeholder they change on the People page.
 */
import { COUNTRY_GROUPS, COURSE_TITLES, GROUPS, GROUP_NAMES, PART_TITLES, SYLLABUS_OUTLINE } from '../../shared/workspace';
import type { Db } from '../db/client';
import { groups, outlineTitles, sections } from '../db/schema';
import { type People, generatePassword } from './people';

export const FIRST_COORDINATOR_EMAIL = 'coordinator@syllabus.local';

export interface FirstCoordinator {
  email: string;
  password: string;
}

export async function ensureWorkspace(db: Db, people: People): Promise<FirstCoordinator | null> {
  db.transaction((tx) => {
    for (const code of GROUPS) {
      const kind = (COUNTRY_GROUPS as readonly string[]).includes(code) ? 'country' : 'organisation';
      tx.insert(groups).values({ code, name: GROUP_NAMES[code], kind }).onConflictDoNothing().run();
    }
    for (const outline of SYLLABUS_OUTLINE) {
      tx.insert(sections)
        .values({
          id: outline.id,
          part: outline.part,
          position: outline.position,
          title: outline.title,
          titleRu: outline.titleRu,
          groupCode: outline.group,
        })
        .onConflictDoNothing()
        .run();
    }
    const titles = { course: COURSE_TITLES, 'part-1': PART_TITLES[1], 'part-2': PART_TITLES[2] };
    for (const [key, { en, ru }] of Object.entries(titles)) {
      tx.insert(outlineTitles).values({ key, titleEn: en, titleRu: ru }).onConflictDoNothing().run();
    }
  });
  if (people.count() > 0) return null;
  const password = generatePassword();
  await people.add(
    { email: FIRST_COORDINATOR_EMAIL, name: 'Project coordinator', role: 'coordinator', group: 'IOM', password },
    null,
  );
  return { email: FIRST_COORDINATOR_EMAIL, password };
}
