import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin app's series plan used to pre-tick "Step-free access" and "All-gender toilet" on its
 * in-person meetup, so an event could claim access its venue lacks. Accessibility is now only what the
 * organizer states (yes, no, or not stated). A saved pre-tick cannot be told apart from a choice; the
 * events that carry exactly that pattern (a series event with a venue, those two features yes and no
 * other feature stated) go back to "not stated" for both: claiming less than a venue offers costs a
 * question, claiming more can cost someone a wasted journey. Organizers can state them again. The
 * event keeps a marker (ignored by every reader, dropped by the next edit) so `down` can put back
 * exactly the ones it changed and nobody has edited since.
 */
export class ForgetPreTickedAccessibility1767440000000 implements MigrationInterface {
  name = 'ForgetPreTickedAccessibility1767440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE events
         SET accessibility = (accessibility - 'stepFreeAccess' - 'allGenderToilet')
                             || '{"preTickForgotten": true}'::jsonb
       WHERE series_id IS NOT NULL
         AND kind IN ('in_person', 'hybrid')
         AND accessibility -> 'stepFreeAccess' = 'true'::jsonb
         AND accessibility -> 'allGenderToilet' = 'true'::jsonb
         AND NOT accessibility ?| ARRAY['accessibleToilet', 'quietRoom', 'seating',
                                       'signLanguageOnRequest', 'captionsOnRequest']`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE events
         SET accessibility = (accessibility - 'preTickForgotten')
                             || '{"stepFreeAccess": true, "allGenderToilet": true}'::jsonb
       WHERE accessibility ? 'preTickForgotten'`);
  }
}
