import { LOCATION_VISIBILITIES } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../ui';
import { accessibilityFlagsFor, hasVenue, isOnline } from './draft';
import type { SectionProps } from './section';

/** Where the event happens (venue or join link), its access needs, and who may see where. */
export function PlaceFields(props: SectionProps) {
  const venue = hasVenue(props.draft.kind);
  return (
    <>
      <LanguageField {...props} />
      {venue ? <VenueFields {...props} /> : null}
      <AccessibilityFields {...props} />
      {isOnline(props.draft.kind) ? <JoinUrlField {...props} /> : null}
      <LocationVisibilityChoice {...props} venue={venue} />
    </>
  );
}

function VenueFields(props: SectionProps) {
  const { draft, set, error, name, idPrefix } = props;
  const { t } = useI18n();
  return (
    <fieldset className="subsection">
      <legend>{t('eventForm.venue')}</legend>
      <div className="field-row">
        <Field label={t('eventForm.venueName')} name={name('venueName')} error={error}>
          {(c) => (
            <input
              {...c}
              name={`${idPrefix}-venue-name`}
              maxLength={200}
              value={draft.venueName}
              onChange={(e) => set('venueName', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('eventForm.venueAddress')} name={name('venueAddress')} error={error}>
          {(c) => (
            <input
              {...c}
              name={`${idPrefix}-venue-address`}
              maxLength={500}
              autoComplete="off"
              value={draft.venueAddress}
              onChange={(e) => set('venueAddress', e.target.value)}
            />
          )}
        </Field>
      </div>
      <CityFields {...props} />
    </fieldset>
  );
}

/** "" = not stated: nothing is pre-selected, the organizer says yes or no per feature. */
const STATED_CHOICES = ['', 'yes', 'no'] as const;
const statedValue = (v: boolean | null | undefined): (typeof STATED_CHOICES)[number] =>
  v === true ? 'yes' : v === false ? 'no' : '';

/** The venue's city (public) and optional coordinates (for the distance filter, shown with the address). */
function CityFields({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  return (
    <div className="field-row">
      <Field
        label={t('eventForm.city')}
        hint={t('eventForm.cityHint')}
        optional
        name={name('city')}
        error={error}
      >
        {(c) => (
          <input
            {...c}
            name={`${idPrefix}-city`}
            maxLength={120}
            dir="auto"
            value={draft.city}
            onChange={(e) => set('city', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('eventForm.latitude')} optional name={name('latitude')} error={error}>
        {(c) => (
          <input
            {...c}
            type="number"
            name={`${idPrefix}-latitude`}
            dir="ltr"
            min={-90}
            max={90}
            step="any"
            value={draft.latitude}
            onChange={(e) => set('latitude', e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('eventForm.longitude')}
        hint={t('eventForm.coordinatesHint')}
        optional
        name={name('longitude')}
        error={error}
      >
        {(c) => (
          <input
            {...c}
            type="number"
            name={`${idPrefix}-longitude`}
            dir="ltr"
            min={-180}
            max={180}
            step="any"
            value={draft.longitude}
            onChange={(e) => set('longitude', e.target.value)}
          />
        )}
      </Field>
    </div>
  );
}

const EVENT_LANGUAGES = ['en', 'ar'];

/** The language the event is held in: a filter of the public listings. */
function LanguageField({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t, locale } = useI18n();
  const choices = EVENT_LANGUAGES.includes(draft.language)
    ? EVENT_LANGUAGES
    : [...EVENT_LANGUAGES, draft.language];
  const label = (code: string): string => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <Field label={t('eventForm.language')} name={name('language')} error={error}>
      {(c) => (
        <select
          {...c}
          name={`${idPrefix}-language`}
          value={draft.language}
          onChange={(e) => set('language', e.target.value)}
        >
          {choices.map((code) => (
            <option key={code} value={code} lang={code}>
              {label(code)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function AccessibilityFields({ draft, onChange, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  const setFlag = (flag: keyof typeof draft.accessibility, value: boolean | string | null): void =>
    onChange({ ...draft, accessibility: { ...draft.accessibility, [flag]: value } });
  return (
    <fieldset className="subsection">
      <legend>{t('eventForm.accessibility')}</legend>
      <p className="hint">{t('eventForm.accessStatedHint')}</p>
      <div className="check-grid">
        {accessibilityFlagsFor(draft.kind).map((flag) => (
          <label key={flag} className="stated">
            <span>{t(`access.${flag}`)}</span>
            <select
              name={`${idPrefix}-${flag}`}
              data-testid={`access-${flag}`}
              value={statedValue(draft.accessibility[flag])}
              onChange={(e) => setFlag(flag, e.target.value === '' ? null : e.target.value === 'yes')}
            >
              {STATED_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t('eventForm.accessStated', { stated: c || 'not-stated' })}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <Field
        label={t('eventForm.accessNotes')}
        hint={t('eventForm.accessNotesHint')}
        optional
        name={name('accessibility.notes')}
        error={error}
      >
        {(c) => (
          <textarea
            {...c}
            name={`${idPrefix}-access-notes`}
            rows={2}
            maxLength={2000}
            value={draft.accessibility.notes ?? ''}
            onChange={(e) => setFlag('notes', e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}

function JoinUrlField({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  return (
    <Field
      label={t('eventForm.joinUrl')}
      hint={t('eventForm.joinUrlHint')}
      optional
      name={name('joinUrl')}
      error={error}
    >
      {(c) => (
        <input
          {...c}
          type="url"
          name={`${idPrefix}-join-url`}
          dir="ltr"
          placeholder="https://"
          value={draft.joinUrl}
          onChange={(e) => set('joinUrl', e.target.value)}
        />
      )}
    </Field>
  );
}

function LocationVisibilityChoice({ draft, set, idPrefix, venue }: SectionProps & { venue: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset className="choices compact">
      <legend>{venue ? t('eventForm.whoSeesAddress') : t('eventForm.whoSeesLink')}</legend>
      {LOCATION_VISIBILITIES.map((v) => (
        <label key={v} className="choice">
          <input
            type="radio"
            name={`${idPrefix}-location-visibility`}
            value={v}
            checked={draft.locationVisibility === v}
            onChange={() => set('locationVisibility', v)}
          />
          <span>
            {t(`locationVisibility.${v}`)}
            <span className="hint">{t(`locationVisibilityHint.${v}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
