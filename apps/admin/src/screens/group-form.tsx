import { useState, type FormEvent } from 'react';
import { api, GROUP_VISIBILITIES, type ApiError, type Group, type GroupInput } from '../api';
import { ErrorSummary, Field, Notice, Page, TimeZoneSelect, browserTimeZone } from '../components/ui';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';

/** A suggested web address from the name: Latin letters and digits only, as the API accepts. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const fromGroup = (g: Group): GroupInput => ({
  name: g.name,
  description: g.description,
  timezone: g.timezone,
  city: g.city,
  visibility: g.visibility,
  codeOfConduct: g.codeOfConduct,
});

export function GroupCreateScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const create = useAction((input: GroupInput & { slug: string }) => api.createGroup(input));
  const submit = async (input: GroupInput, slug: string): Promise<void> => {
    const group = await create.run({ ...input, slug });
    if (group) navigate(`/groups/${encodeURIComponent(group.slug)}`);
  };
  const initial: GroupInput = {
    name: '',
    description: '',
    timezone: user.timezone || browserTimeZone(),
    city: null,
    visibility: 'private',
    codeOfConduct: '',
  };
  return (
    <Page title={t('groupForm.createTitle')}>
      <GroupForm
        initial={initial}
        withSlug
        pending={create.pending}
        error={create.error}
        submitLabel={create.pending ? t('groupForm.creating') : t('groupForm.create')}
        onSubmit={submit}
      />
    </Page>
  );
}

export function GroupSettings({ group, onSaved }: { group: Group; onSaved: (group: Group) => void }) {
  const { t } = useI18n();
  const save = useAction((input: GroupInput) => api.updateGroup(group.slug, input));
  const submit = async (input: GroupInput): Promise<void> => {
    const saved = await save.run(input);
    if (saved) onSaved(saved);
  };
  if (!group.permissions.edit) return <GroupDetails group={group} />;
  return (
    <GroupForm
      key={group.id}
      initial={fromGroup(group)}
      pending={save.pending}
      error={save.error}
      saved={save.result ? t('groupForm.saved') : null}
      submitLabel={save.pending ? t('common.saving') : t('common.save')}
      onSubmit={(input) => submit(input)}
    />
  );
}

function GroupDetails({ group }: { group: Group }) {
  const { t } = useI18n();
  return (
    <section className="card">
      <p className="muted">{t('groupPage.readOnly')}</p>
      <dl className="details">
        <dt>{t('groupForm.description')}</dt>
        <dd className="prewrap">{group.description || t('common.none')}</dd>
        <dt>{t('groupForm.timezone')}</dt>
        <dd dir="ltr">{group.timezone}</dd>
        <dt>{t('groupForm.city')}</dt>
        <dd>{group.city ?? t('common.none')}</dd>
        <dt>{t('groupForm.visibility')}</dt>
        <dd>{t(`visibility.${group.visibility}`)}</dd>
        <dt>{t('groupForm.coc')}</dt>
        <dd className="prewrap">{group.codeOfConduct || t('common.none')}</dd>
      </dl>
    </section>
  );
}

function GroupForm({
  initial,
  withSlug = false,
  pending,
  error,
  saved,
  submitLabel,
  onSubmit,
}: {
  initial: GroupInput;
  withSlug?: boolean;
  pending: boolean;
  error: ApiError | null;
  saved?: string | null;
  submitLabel: string;
  onSubmit: (input: GroupInput, slug: string) => Promise<void>;
}) {
  const [values, setValues] = useState<GroupInput>(initial);
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [dirty, setDirty] = useState(false);
  const set = <K extends keyof GroupInput>(key: K, value: GroupInput[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const city = values.city?.trim() ? values.city.trim() : null;
    setDirty(false);
    void onSubmit({ ...values, name: values.name.trim(), city }, slug);
  };

  return (
    <form className="card form" onSubmit={submit}>
      <NameAndSlug
        name={values.name}
        slug={withSlug ? slug : null}
        onName={(name) => {
          set('name', name);
          if (withSlug && !slugTouched) setSlug(slugify(name));
        }}
        onSlug={(value) => {
          setSlug(value);
          setSlugTouched(true);
        }}
        error={error}
      />
      <DescriptionAndPlace values={values} set={set} error={error} />
      <VisibilityAndConduct values={values} set={set} error={error} />
      <ErrorSummary error={error} />
      {saved && !dirty && !pending && !error ? <Notice>{saved}</Notice> : null}
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** The group's name and, for a new group, its address (suggested from the name until edited). */
function NameAndSlug({
  name,
  slug,
  onName,
  onSlug,
  error,
}: {
  name: string;
  /** null: the address is fixed (editing). */
  slug: string | null;
  onName: (name: string) => void;
  onSlug: (slug: string) => void;
  error: ApiError | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('groupForm.name')} name="name" error={error}>
        {(c) => (
          <input
            {...c}
            name="name"
            required
            maxLength={120}
            value={name}
            onChange={(e) => onName(e.target.value)}
          />
        )}
      </Field>
      {slug !== null ? (
        <Field label={t('groupForm.slug')} hint={t('groupForm.slugHint')} name="slug" error={error}>
          {(c) => (
            <input
              {...c}
              name="slug"
              required
              maxLength={64}
              pattern="[a-z0-9]([a-z0-9\-]{0,62}[a-z0-9])?"
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
              value={slug}
              onChange={(e) => onSlug(e.target.value)}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

interface GroupFieldsProps {
  values: GroupInput;
  set: <K extends keyof GroupInput>(key: K, value: GroupInput[K]) => void;
  error: ApiError | null;
}

function DescriptionAndPlace({ values, set, error }: GroupFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('groupForm.description')} name="description" optional error={error}>
        {(c) => (
          <textarea
            {...c}
            name="description"
            rows={4}
            maxLength={10_000}
            value={values.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <div className="field-row">
        <Field
          label={t('groupForm.timezone')}
          hint={t('groupForm.timezoneHint')}
          name="timezone"
          error={error}
        >
          {(c) => (
            <TimeZoneSelect
              name="timezone"
              control={c}
              value={values.timezone}
              onChange={(z) => set('timezone', z)}
            />
          )}
        </Field>
        <Field label={t('groupForm.city')} name="city" optional error={error}>
          {(c) => (
            <input
              {...c}
              name="city"
              maxLength={120}
              value={values.city ?? ''}
              onChange={(e) => set('city', e.target.value)}
            />
          )}
        </Field>
      </div>
    </>
  );
}

/** Who can find the group, and the code of conduct members agree to. */
function VisibilityAndConduct({ values, set, error }: GroupFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <fieldset className="choices">
        <legend>{t('groupForm.visibility')}</legend>
        {GROUP_VISIBILITIES.map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name="visibility"
              value={v}
              checked={values.visibility === v}
              onChange={() => set('visibility', v)}
            />
            <span>
              <strong>{t(`visibility.${v}`)}</strong>
              <span className="hint">{t(`visibilityHint.${v}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label={t('groupForm.coc')}
        hint={t('groupForm.cocHint')}
        name="codeOfConduct"
        optional
        error={error}
      >
        {(c) => (
          <textarea
            {...c}
            name="codeOfConduct"
            rows={6}
            maxLength={20_000}
            value={values.codeOfConduct}
            onChange={(e) => set('codeOfConduct', e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
