import { Button, Group, MaskInput, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dateFromTyped } from '../../id/card/card-masks';
import { serverError } from '../../../components/server-error';
import { useBusinessClient } from '../stats/business-client';
import { TIME_ZONE } from '../stats/stats-range';
import { instantOf, timeOf } from './meeting-time';
import { meetingsKey } from './use-published';

/** The messages of this form's mistakes: kept as keys, said in the language on screen. */
type ErrorKey =
  | 'members.meeting.required'
  | 'stats.range.errors.invalid'
  | 'members.meeting.timeInvalid'
  | 'members.meeting.endsBefore';
/**
 * A meeting published by hand (`business.members.publishMeeting`): kind, title, day, start and
 * end, place (an address or an https link). Times are the member's, in their time zone.
 */
export function MeetingForm({ coopname }: { coopname: string }) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'general_meeting' | 'event'>('general_meeting');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<Record<string, ErrorKey>>({});
  const publish = useMutation({
    mutationFn: (input: Parameters<typeof business.members.publishMeeting>[2]) =>
      business.members.publishMeeting(coopname, `m-${crypto.randomUUID()}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingsKey(coopname) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const date = dateFromTyped(day);
    const startsAt = instantOf(date, starts);
    const endsAt = instantOf(date, ends);
    const found: Record<string, ErrorKey> = {};
    if (!title.trim()) found.title = 'members.meeting.required';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.day = 'stats.range.errors.invalid';
    if (!startsAt) found.starts = 'members.meeting.timeInvalid';
    if (!endsAt) found.ends = 'members.meeting.timeInvalid';
    else if (startsAt && endsAt <= startsAt) found.ends = 'members.meeting.endsBefore';
    if (!place.trim()) found.place = 'members.meeting.required';
    setErrors(found);
    if (Object.keys(found).length > 0 || !startsAt || !endsAt) return;
    const online = /^https:\/\//i.test(place.trim());
    publish.mutate({
      kind,
      title: title.trim(),
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: TIME_ZONE,
      ...(online ? { online_url: place.trim() } : { place: place.trim() }),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('members.meeting.title')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('members.meeting.kind')}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as typeof kind)}
          data={[
            { value: 'general_meeting', label: t('members.meeting.general_meeting') },
            { value: 'event', label: t('members.meeting.event') },
          ]}
        />
        <TextInput
          label={t('members.meeting.name')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title && t(errors.title)}
          maxLength={200}
          required
        />
        <Group gap="sm" align="flex-start">
          <MaskInput
            label={t('members.meeting.day')}
            mask="99.99.9999"
            slotChar={null}
            inputMode="numeric"
            placeholder={t('stats.range.placeholder')}
            onChangeRaw={setDay}
            error={errors.day && t(errors.day)}
            required
            w={{ base: '100%', xs: 150 }}
          />
          <MaskInput
            label={t('members.meeting.starts')}
            mask="99:99"
            slotChar={null}
            inputMode="numeric"
            placeholder="18:00"
            onChangeRaw={(raw) => setStarts(timeOf(raw))}
            error={errors.starts && t(errors.starts)}
            required
            w={{ base: '45%', xs: 100 }}
          />
          <MaskInput
            label={t('members.meeting.ends')}
            mask="99:99"
            slotChar={null}
            inputMode="numeric"
            placeholder="20:00"
            onChangeRaw={(raw) => setEnds(timeOf(raw))}
            error={errors.ends && t(errors.ends)}
            required
            w={{ base: '45%', xs: 100 }}
          />
        </Group>
        <TextInput
          label={t('members.meeting.place')}
          description={t('members.meeting.placeHint', { tz: TIME_ZONE })}
          value={place}
          onChange={(event) => setPlace(event.currentTarget.value)}
          error={errors.place && t(errors.place)}
          maxLength={500}
          required
        />
        <Group gap="sm">
          <Button type="submit" loading={publish.isPending}>
            {t('members.meeting.submit')}
          </Button>
          <Text size="sm" role="status" aria-live="polite" c="teal.9">
            {publish.isPending
              ? t('members.meeting.publishing')
              : publish.isSuccess
                ? t('members.meeting.published', { title: publish.data.title })
                : ''}
          </Text>
        </Group>
        {publish.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(publish.error, tId)}
          </Text>
        )}
      </Stack>
    </form>
  );
}
