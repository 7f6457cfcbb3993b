import { useI18n } from '../../i18n';
import { useState } from 'react';
import type { ApiError } from '../../api';
import { ErrorSummary, Field, Notice } from '../../components/ui';
import { useAction } from '../../hooks';
import { type NetworkingSettings, networkingApi } from './networking-api';

interface Draft {
  rounds: string;
  roundMinutes: string;
  breakMinutes: string;
  groupSize: string;
  useInterests: boolean;
  interestTags: string;
}

const toDraft = (s: NetworkingSettings | null): Draft => ({
  rounds: String(s?.rounds ?? 3),
  roundMinutes: String(s?.roundMinutes ?? 10),
  breakMinutes: String(s?.breakMinutes ?? 2),
  groupSize: String(s?.groupSize ?? 2),
  useInterests: s?.useInterests ?? false,
  interestTags: (s?.interestTags ?? []).join(', '),
});

/** The organizer's plan: rounds, lengths, break, room size, interests (the API checks it fits the event). */
export function NetworkingSettingsForm({
  eventId,
  settings,
  onSaved,
}: {
  eventId: string;
  settings: NetworkingSettings | null;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const save = useAction((d: Draft) =>
    networkingApi.configure(eventId, {
      rounds: Number(d.rounds),
      roundMinutes: Number(d.roundMinutes),
      breakMinutes: Number(d.breakMinutes),
      groupSize: Number(d.groupSize),
      useInterests: d.useInterests,
      interestTags: d.interestTags
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  );
  const locked = settings !== null && settings.status !== 'idle';
  return (
    <form
      className="card"
      aria-labelledby="networking-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft).then((r) => r && onSaved());
      }}
    >
      <h2 id="networking-settings">{t('networking.settingsHeading')}</h2>
      <ErrorSummary error={save.error} />
      {save.result ? <Notice>{t('networking.saved')}</Notice> : null}
      <SettingsFields draft={draft} setDraft={setDraft} locked={locked} error={save.error} />
      {settings ? <p className="muted">{t('networking.total', { n: planMinutes(settings) })}</p> : null}
      <button type="submit" disabled={locked || save.pending}>
        {t('networking.save')}
      </button>
    </form>
  );
}

function SettingsFields({
  draft,
  setDraft,
  locked,
  error,
}: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  locked: boolean;
  error: ApiError | null;
}) {
  const { t } = useI18n();
  const number = (
    key: 'rounds' | 'roundMinutes' | 'breakMinutes',
    label: string,
    min: number,
    max: number,
  ) => (
    <Field label={label} name={key} error={error}>
      {(props) => (
        <input
          {...props}
          type="number"
          min={min}
          max={max}
          value={draft[key]}
          disabled={locked}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <>
      {number('rounds', t('networking.rounds'), 1, 20)}
      {number('roundMinutes', t('networking.roundMinutes'), 1, 120)}
      {number('breakMinutes', t('networking.breakMinutes'), 0, 60)}
      <Field label={t('networking.groupSize')} name="groupSize" error={error}>
        {(props) => (
          <select
            {...props}
            value={draft.groupSize}
            disabled={locked}
            onChange={(e) => setDraft({ ...draft, groupSize: e.target.value })}
          >
            {['2', '3', '4'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.useInterests}
          disabled={locked}
          onChange={(e) => setDraft({ ...draft, useInterests: e.target.checked })}
        />{' '}
        {t('networking.useInterests')}
      </label>
      <Field label={t('networking.interestTags')} name="interestTags" error={error} optional>
        {(props) => (
          <input
            {...props}
            value={draft.interestTags}
            disabled={locked}
            onChange={(e) => setDraft({ ...draft, interestTags: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

function planMinutes(s: NetworkingSettings): number {
  return s.rounds * s.roundMinutes + (s.rounds - 1) * s.breakMinutes;
}
