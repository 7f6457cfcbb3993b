import { MigrationInterface, QueryRunner } from 'typeorm';

// Letters folded for the listing's city match and search (case and accents ignored): each character
// of FROM becomes the one at the same place in TO; the Arabic marks after them (harakat, tatweel) are
// dropped. SQL only (no extension): embedded PostgreSQL builds need not ship unaccent.
const FROM =
  'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšȘșŢŤŦţťŧȚțÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżžأإآٱ' +
  'ًٌٍَُِّْـ';
const TO =
  'AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssSsTTTtttTtUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzzاااا';

/**
 * Events carry where they are: a city (public, even when the address is not), optional coordinates
 * (used server-side for the distance filter; only shown with the address) and the language the event
 * is held in. `hearth_fold` is the case- and accent-insensitive key the listing compares cities with.
 */
export class AddEventPlaceAndLanguage1767430000000 implements MigrationInterface {
  name = 'AddEventPlaceAndLanguage1767430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hearth_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(translate(value, '${FROM}', '${TO}')) $$`);
    await q.query(`
      ALTER TABLE events
        ADD COLUMN city text,
        ADD COLUMN latitude double precision,
        ADD COLUMN longitude double precision,
        ADD COLUMN language text NOT NULL DEFAULT 'en',
        ADD CONSTRAINT "CHK_events_latitude" CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
        ADD CONSTRAINT "CHK_events_longitude" CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
        ADD CONSTRAINT "CHK_events_coordinates" CHECK ((latitude IS NULL) = (longitude IS NULL)),
        ADD CONSTRAINT "CHK_events_city" CHECK (city IS NULL OR length(city) BETWEEN 1 AND 120),
        ADD CONSTRAINT "CHK_events_language" CHECK (language ~ '^[a-z]{2,3}$')`);
    await q.query(
      `CREATE INDEX "IDX_events_city" ON events (hearth_fold(city), starts_at) WHERE status = 'scheduled' AND city IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_events_city"`);
    await q.query(`
      ALTER TABLE events
        DROP CONSTRAINT "CHK_events_language",
        DROP CONSTRAINT "CHK_events_city",
        DROP CONSTRAINT "CHK_events_coordinates",
        DROP CONSTRAINT "CHK_events_longitude",
        DROP CONSTRAINT "CHK_events_latitude",
        DROP COLUMN language,
        DROP COLUMN longitude,
        DROP COLUMN latitude,
        DROP COLUMN city`);
    await q.query(`DROP FUNCTION hearth_fold(text)`);
  }
}
